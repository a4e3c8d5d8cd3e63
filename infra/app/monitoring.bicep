// Log Analytics workspace + workspace-based Application Insights with local (instrumentation key) auth disabled:
// telemetry is accepted only with an Entra token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING on the app).
@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Region.')
param location string

@description('Tags for both resources.')
param tags object

@description('Workspace retention in days.')
param retentionInDays int

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

output applicationInsightsName string = applicationInsights.name
output logAnalyticsName string = logAnalytics.name

// Alerts: each names its runbook section in docs/operations.md. Metrics are our OpenTelemetry instruments, which the
// Azure Monitor exporter writes to customMetrics (tags in customDimensions); requests are function invocations.
@description('Email address that receives alerts; empty = the action group has no receivers (add them in the portal).')
param alertEmail string = ''

@description('Where docs/operations.md is published (e.g. the repository URL of the file); alert descriptions link its sections.')
param runbookUrl string = 'docs/operations.md'

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${applicationInsightsName}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'scormalerts'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

@description('Seconds an import may stay running before it counts as stuck: Imports:Deadline (3 h) plus an hour, by which the orchestration must have recorded it timedOut.')
param importStuckAfterSeconds int = 14400

var alerts = [
  {
    name: 'imports-failed-or-timed-out'
    severity: 2
    window: 'PT15M'
    description: 'Imports ended failed or timedOut.'
    query: 'customMetrics | where name == "scorm.imports.finished" | where tostring(customDimensions.status) in ("failed", "timedOut") | summarize value = sum(valueSum)'
    threshold: 0
  }
  {
    name: 'import-stuck'
    severity: 2
    window: 'PT30M'
    description: 'An import record is still running past its deadline: nothing tracks it any more (the sweep measures the oldest).'
    query: 'customMetrics | where name == "scorm.imports.oldest_running_age" | summarize value = max(valueMax)'
    threshold: importStuckAfterSeconds
  }
  {
    name: 'postback-401-spike'
    severity: 1
    window: 'PT15M'
    description: 'Many registration postbacks were refused with 401: usually a postback key problem.'
    query: 'customMetrics | where name == "scorm.postbacks" | where tostring(customDimensions.outcome) == "unauthorized" | summarize value = sum(valueSum)'
    threshold: 10
  }
  {
    name: 'registrations-pending-overdue'
    severity: 2
    window: 'PT1H'
    description: 'Registrations stayed pending past Registrations:PendingRepairAfter and the sweep could not repair them.'
    query: 'customMetrics | where name == "scorm.registrations.repaired" | where tostring(customDimensions.status) in ("unavailable", "error") | summarize value = sum(valueSum)'
    threshold: 0
  }
  {
    name: 'scorm-cloud-errors'
    severity: 2
    window: 'PT15M'
    description: 'More than 10% of SCORM Cloud calls answered 5xx or 429 or failed in transport.'
    query: 'customMetrics | where name == "scorm.cloud.requests" | extend status = tostring(customDimensions.status) | summarize total = sum(valueSum), bad = sumif(valueSum, status startswith "5" or status in ("429", "error")) | where total >= 20 | project value = bad / total'
    threshold: json('0.1')
  }
  {
    name: 'orchestration-failures'
    severity: 1
    window: 'PT15M'
    description: 'The import orchestrator or its activities failed (not an import that failed: the tracking itself).'
    query: 'requests | where name in ("ImportOrchestrator", "StartImportJob", "PollImportJob", "RecordImportOutcome") | where success == false | summarize value = count()'
    threshold: 0
  }
  {
    name: 'function-errors'
    severity: 2
    window: 'PT15M'
    description: 'Function invocations failed (unhandled exceptions, 5xx).'
    query: 'requests | where success == false | where resultCode == "" or toint(resultCode) >= 500 | summarize value = count()'
    threshold: 4
  }
]

resource queryAlerts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [for alert in alerts: {
  name: '${applicationInsightsName}-${alert.name}'
  location: location
  tags: tags
  properties: {
    displayName: alert.name
    description: '${alert.description} Runbook: ${runbookUrl}#${alert.name}'
    severity: alert.severity
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'value'
          operator: 'GreaterThan'
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertGroup.id
      ]
    }
  }
}]

output alertActionGroupName string = alertGroup.name
