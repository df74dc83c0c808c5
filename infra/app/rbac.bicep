// Role assignments for the app's identity, named deterministically: guid(scope, principal, role),
// the principal being the identity resource (its id is known before deployment).
param storageAccountName string
param applicationInsightsName string
param keyVaultName string
param identityName string
@description('The containers the app reads and writes (its own, the host\'s and the deployment package\'s).')
param containers array
@description('The deployer, to set Key Vault secrets after provisioning; empty to skip.')
param deployerPrincipalId string

// Blobs: not Storage Blob Data Owner. A user-delegation SAS needs two things: the right to ask for a
// user delegation key (an account-level action, generateUserDelegationKey) and, when the SAS is used,
// data rights of the identity that signed it on the blob it names. So the app gets
// Storage Blob Delegator on the account (the delegation key and nothing else) and Storage Blob Data
// Contributor on each container it uses (read, write, delete blobs there; no ACL or ownership
// changes, no other container). The Functions host's own containers (azure-webjobs-hosts for locks and
// receipts, azure-webjobs-secrets for keys) and the deployment container are in the list, created by
// the Bicep, so the host never needs to create a container at account scope.
var storageBlobDelegator = 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a' // Storage Blob Delegator
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7' // Key Vault Secrets Officer (deployer only)
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for container in containers: {
  parent: blobService
  name: container
}]

// Defender for Storage writes its verdict as a blob index tag; the app reads it (Get Blob Tags needs the
// data action blobs/tags/read). Storage Blob Data Contributor does not list that action, and Storage Blob
// Data Owner would also let the app write tags — forge a verdict — and change ACLs; so a custom role with
// only tags/read, on the two containers whose files get a verdict (intake: the upload; documents: the kept copy).
var verdictContainers = ['intake', 'documents']

resource tagReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'otrabotka-blob-tag-reader')
  properties: {
    roleName: 'Otrabotka blob index tag reader (${resourceGroup().name})'
    description: 'Reads blob index tags (Defender for Storage malware scan results); nothing else.'
    type: 'CustomRole'
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read']
        notDataActions: []
      }
    ]
    assignableScopes: [resourceGroup().id]
  }
}

resource verdictBlobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for container in verdictContainers: {
  parent: blobService
  name: container
}]

resource tagReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (container, i) in verdictContainers: {
  name: guid(verdictBlobContainers[i].id, identity.id, tagReader.id)
  scope: verdictBlobContainers[i]
  properties: {
    roleDefinitionId: tagReader.id
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource delegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, storageBlobDelegator)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDelegator)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobContributors 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (container, i) in containers: {
  name: guid(blobContainers[i].id, identity.id, storageBlobDataContributor)
  scope: blobContainers[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, storageQueueDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, storageTableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    principalType: 'User'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
