// The one user-assigned managed identity the function app uses for everything: host storage (AzureWebJobsStorage),
// the app's own Blob/Table/Queue clients, Key Vault references and Application Insights ingestion.
@description('Identity name.')
param name string

@description('Region.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
