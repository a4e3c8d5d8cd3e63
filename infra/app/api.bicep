// Flex Consumption plan + Linux function app (.NET 10 isolated). The runtime stack lives only in
// functionAppConfig (Flex rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION app settings).
// Every app setting the code reads is set in `appSettings` below; docs/deploy.md lists them.
@description('Function app name.')
param name string

@description('Flex Consumption plan name (one app per plan).')
param planName string

@description('Region.')
param location string

@description('Tags; the app also gets azd-service-name=api, which is how `azd deploy` finds it.')
param tags object

@description('Name of the user-assigned identity used for storage, Key Vault references and App Insights.')
param identityName string

@description('Storage account name (host storage, deployment package, uploads, postback archive).')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Blob container for uploaded course packages (Storage__UploadsContainer).')
param uploadsContainerName string

@description('Blob container for the raw postback archive (Storage__ArchiveContainer).')
param archiveContainerName string

@description('Blob container for registration activity details (Registrations__ResultsContainer).')
param resultsContainerName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Key Vault holding ScormCloudSecretKey, LaunchSigningKey and PostbackSigningKey.')
param keyVaultName string

@description('Upper bound on instances.')
param maximumInstanceCount int

@description('One always-ready instance for the durable trigger group.')
param alwaysReadyDurable bool

@description('Subnet for VNet integration (delegated to Microsoft.App/environments); empty for none.')
param virtualNetworkSubnetId string

@description('SPA origins for CORS and App__AllowedOrigins.')
param corsAllowedOrigins string[]

@description('Durable task hub name (TASKHUB_NAME).')
param taskHubName string

@description('ScormCloud__BaseUrl.')
param scormCloudBaseUrl string

@description('ScormCloud__AppId.')
param scormCloudAppId string

@description('Auth__Issuer.')
param authIssuer string

@description('Auth__Audience.')
param authAudience string

@description('Auth__MetadataAddress.')
param authMetadataAddress string

@description('App__ReturnUrl; empty for the app\'s own base URL.')
param returnUrl string

@description('Imports__DefaultMode.')
param importsDefaultMode string

@description('Events__EventGrid__TopicEndpoint; empty for none (webhooks only).')
param eventGridTopicEndpoint string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyDurable
          ? [
              {
                name: 'durable'
                instanceCount: 1
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing with user names and passwords: azd deploys with an Entra token.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

var keyVaultSecretsUri = '${vault.properties.vaultUri}secrets'

// Result events go to the Event Grid topic when there is one (webhook subscribers are added as settings, see docs/deploy.md).
var eventSettings = empty(eventGridTopicEndpoint)
  ? {}
  : {
      Events__EventGrid__TopicEndpoint: eventGridTopicEndpoint
    }

// A separate config resource, so settings can use the site's own host name. It replaces all settings on each
// deployment: change settings here (or with azd env set + azd provision), not in the portal.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(eventSettings, {
    // Functions host storage (Durable Functions on Azure Storage needs blob, queue and table).
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    TASKHUB_NAME: taskHubName

    // The app's own storage clients (ScormFunctions.Core StorageOptions).
    Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
    Storage__TableServiceUri: storage.properties.primaryEndpoints.table
    Storage__QueueServiceUri: storage.properties.primaryEndpoints.queue
    Storage__ManagedIdentityClientId: identity.properties.clientId
    Storage__UploadsContainer: uploadsContainerName
    Storage__ArchiveContainer: archiveContainerName
    Registrations__ResultsContainer: resultsContainerName

    // SCORM Cloud.
    ScormCloud__BaseUrl: scormCloudBaseUrl
    ScormCloud__AppId: scormCloudAppId
    ScormCloud__SecretKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}/ScormCloudSecretKey)'

    // Identity provider for the LMS / SPA bearer tokens.
    Auth__Issuer: authIssuer
    Auth__Audience: authAudience
    Auth__MetadataAddress: authMetadataAddress

    // Public addresses.
    App__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
    App__ReturnUrl: empty(returnUrl) ? 'https://${site.properties.defaultHostName}/' : returnUrl
    App__AllowedOrigins: join(corsAllowedOrigins, ',')

    // Signing keys (generated by scripts/postprovision.sh).
    Signing__LaunchKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}/LaunchSigningKey)'
    Signing__PostbackKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsUri}/PostbackSigningKey)'

    Imports__DefaultMode: importsDefaultMode

    // Application Insights with Entra authentication (local auth is disabled on the component).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  })
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
