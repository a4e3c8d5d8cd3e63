// ScormFunctions: one Flex Consumption function app (.NET 10 isolated, Durable Functions on Azure Storage)
// with a user-assigned managed identity used for everything, identity-only storage, Key Vault (RBAC) for the
// secrets, and Application Insights with Entra authentication. Deployed with `azd up` (see docs/deploy.md).
// Native resource declarations only (no registry modules), so `bicep build` works offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used for the resource group name and the resource name token.')
param environmentName string

@minLength(1)
@description('Region for every resource. Limited to regions that offer the Flex Consumption plan.')
@allowed([
  'australiaeast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'switzerlandnorth'
  'uaenorth'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or principal (azd sets AZURE_PRINCIPAL_ID). Gets data access to storage and Key Vault for debugging and the postprovision hook. Empty: no assignment.')
param principalId string = ''

@description('Principal type of principalId: User for a person running azd, ServicePrincipal for a pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Resource group name; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('Comma-separated origins of the single-page app (e.g. "https://lms.example.com,http://localhost:5173"). Used for the function app CORS, the Blob CORS rule (browser block uploads with a SAS) and App__AllowedOrigins.')
param spaOrigins string = ''

@description('Where learners are sent after a course (App__ReturnUrl). Empty: the app falls back to its own base URL.')
param spaReturnUrl string = ''

@description('SCORM Cloud API base URL (ScormCloud__BaseUrl).')
param scormCloudBaseUrl string = 'https://cloud.scorm.com/api/v2/'

@description('SCORM Cloud application id (ScormCloud__AppId). The matching secret key goes into Key Vault as ScormCloudSecretKey.')
param scormCloudAppId string = ''

@description('Token issuer (Auth__Issuer). Empty: the Entra ID v2.0 issuer of the deployment tenant.')
param authIssuer string = ''

@description('Token audience (Auth__Audience): the API app registration\'s application id URI or client id.')
param authAudience string = ''

@description('OpenID Connect metadata document (Auth__MetadataAddress). Empty: <issuer>/.well-known/openid-configuration.')
param authMetadataAddress string = ''

@description('How course packages reach SCORM Cloud by default (Imports__DefaultMode): fetch = SCORM Cloud downloads the blob with a short-lived SAS URL; relay = the app streams it.')
@allowed([
  'fetch'
  'relay'
])
param importsDefaultMode string = 'fetch'

@description('Days after which blobs under uploads/ are deleted by lifecycle management. The app deletes successful uploads itself; failed ones stay this long for diagnosis.')
@minValue(1)
@maxValue(365)
param uploadsRetentionDays int = 7

@description('Durable Functions task hub name (TASKHUB_NAME): letters and digits, starting with a letter. Empty: scorm<token>, unique per environment.')
@maxLength(45)
param taskHubName string = ''

@description('Upper bound on Flex Consumption instances (40-1000); a cost and blast-radius guard.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Keep one always-ready instance for the durable trigger group (faster orchestrations, but it is billed while idle).')
param alwaysReadyDurable bool = false

@description('Integrate the function app with a new virtual network and reach storage over private endpoints.')
param vnetEnabled bool = false

@description('Enable Key Vault purge protection (recommended for production; irreversible, and `azd down --purge` then cannot purge the vault).')
param keyVaultPurgeProtection bool = false

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Create an Event Grid topic for result events (Events__EventGrid__TopicEndpoint); webhooks work without it.')
param eventGridEnabled bool = true

@description('Email address for the alerts in app/monitoring.bicep (docs/operations.md); empty = no receiver.')
param alertEmail string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var uploadsContainerName = 'uploads'
var archiveContainerName = 'postbacks'
var resultsContainerName = 'registration-results'
var effectiveTaskHubName = empty(taskHubName) ? 'scorm${resourceToken}' : taskHubName
var spaOriginList = empty(trim(spaOrigins)) ? [] : filter(map(split(spaOrigins, ','), origin => trim(origin)), origin => !empty(origin))
var effectiveAuthIssuer = empty(authIssuer)
  ? '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  : authIssuer
var effectiveAuthMetadataAddress = empty(authMetadataAddress)
  ? '${effectiveAuthIssuer}/.well-known/openid-configuration'
  : authMetadataAddress

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? '${abbrs.resourcesResourceGroups}${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    alertEmail: alertEmail
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
      uploadsContainerName
      archiveContainerName
      resultsContainerName
    ]
    uploadsContainerName: uploadsContainerName
    uploadsRetentionDays: uploadsRetentionDays
    corsAllowedOrigins: spaOriginList
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  // The names are passed as values known before deployment (precise what-if), so order explicitly.
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

module vnet 'app/vnet.bicep' = if (vnetEnabled) {
  name: 'vnet'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    privateEndpointPrefix: abbrs.networkPrivateEndpoints
    location: location
    tags: tags
    storageAccountName: storageAccountName
  }
  dependsOn: [
    storage
  ]
}

module events 'app/events.bicep' = if (eventGridEnabled) {
  name: 'events'
  scope: rg
  params: {
    name: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    uploadsContainerName: uploadsContainerName
    archiveContainerName: archiveContainerName
    resultsContainerName: resultsContainerName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyDurable: alwaysReadyDurable
    virtualNetworkSubnetId: vnetEnabled ? vnet!.outputs.appSubnetId : ''
    corsAllowedOrigins: spaOriginList
    taskHubName: effectiveTaskHubName
    scormCloudBaseUrl: scormCloudBaseUrl
    scormCloudAppId: scormCloudAppId
    authIssuer: effectiveAuthIssuer
    authAudience: authAudience
    authMetadataAddress: effectiveAuthMetadataAddress
    returnUrl: spaReturnUrl
    importsDefaultMode: importsDefaultMode
    eventGridTopicEndpoint: eventGridEnabled ? events!.outputs.endpoint : ''
  }
  // Key Vault references and identity-based storage resolve at start-up: grant the roles first.
  dependsOn: [
    rbac
    identity
    storage
    keyVault
    monitoring
  ]
}

// Outputs become azd environment values (`azd env get-values`) and are read by scripts/postprovision.sh.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output AZURE_FUNCTION_URL string = api.outputs.url
output AZURE_POSTBACK_URL string = '${api.outputs.url}/api/postbacks/registrations'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_NAME string = identity.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output TASKHUB_NAME string = effectiveTaskHubName
output AZURE_EVENT_GRID_TOPIC_NAME string = eventGridEnabled ? events!.outputs.name : ''
