// The one storage account: Functions host (AzureWebJobsStorage, Durable task hub queues and tables), the Flex
// deployment package container, course package uploads and the raw postback archive.
// Entra ID only: shared keys are disabled, so only user-delegation SAS URLs work (issued by the app's identity).
@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Region.')
param location string

@description('Tags for the account.')
param tags object

@description('Blob containers to create (deployment package, uploads, postback archive).')
param containerNames string[]

@description('Container whose blobs lifecycle management deletes after uploadsRetentionDays.')
param uploadsContainerName string

@description('Days after the last modification when blobs under the uploads container are deleted.')
@minValue(1)
param uploadsRetentionDays int

@description('Origins allowed to call the Blob service from a browser (SPA block uploads with a SAS). Empty: no CORS rule.')
param corsAllowedOrigins string[]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    dnsEndpointType: 'Standard'
    // Stays public even with VNet integration: browsers PUT package blocks straight to Blob storage with a SAS.
    // The app itself reaches the account over private endpoints when vnetEnabled (see vnet.bicep).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: empty(corsAllowedOrigins)
        ? []
        : [
            {
              allowedOrigins: corsAllowedOrigins
              allowedMethods: [
                'PUT'
                'GET'
                'HEAD'
                'OPTIONS'
              ]
              allowedHeaders: [
                'x-ms-*'
                'content-*'
              ]
              exposedHeaders: [
                'x-ms-*'
                'content-*'
                'etag'
              ]
              maxAgeInSeconds: 3600
            }
          ]
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-stale-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${uploadsContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: uploadsRetentionDays
                }
              }
              // Fetch-mode imports hand SCORM Cloud a snapshot of the inspected upload; one left behind by an
              // interrupted import must not keep its base blob from being deleted.
              snapshot: {
                delete: {
                  daysAfterCreationGreaterThan: uploadsRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
