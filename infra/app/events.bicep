// Outbound result events (docs/registrations.md#result-events): an Event Grid custom topic that takes CloudEvents 1.0,
// Entra-only (local keys off), and the function app's identity allowed to publish to it (EventGrid Data Sender).
// Subscriptions (webhook, Service Bus, Storage queue, …) are the LMS operator's to add: see docs/deploy.md.
@description('Topic name.')
param name string

@description('Region.')
param location string

@description('Tags for the topic.')
param tags object

@description('Name of the function app\'s user-assigned identity (the publisher).')
param identityName string

var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7' // EventGrid Data Sender: publish events, nothing else

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource identityPublishes 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identity.id, eventGridDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = topic.name
output endpoint string = topic.properties.endpoint
