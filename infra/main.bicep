// Otrabotka on Azure: a Flex Consumption function app with a user-assigned managed identity, storage
// without shared keys, Key Vault references for secrets, Application Insights with Entra auth, and an
// Event Grid system topic for the intake blob trigger (its subscription is made after deployment, see
// scripts/postdeploy.sh, because the webhook needs the blobs extension key of the deployed code).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; resource names derive from it.')
param environmentName string

@minLength(1)
@description('Region for every resource (one that offers Flex Consumption).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the person deploying, given Key Vault Secrets Officer to set the secrets. Empty to skip.')
param principalId string = ''

@description('scheme://host of the public site (employer links point here).')
param publicBaseUrl string

@description('OpenID Connect metadata of the identity provider that issues graduates\' and operators\' tokens.')
param authMetadataAddress string

@description('Expected token issuer (empty: take it from the metadata).')
param authIssuer string = ''

@description('Expected token audience.')
param authAudience string

@description('The claim that carries a graduate\'s IIN.')
param authSubjectClaim string = 'sub'

@description('Sender of every e-mail.')
param sendGridFromEmail string

@description('Display name of the sender.')
param sendGridFromName string = '«Қаржы орталығы» АҚ / АО «Финансовый центр»'

@description('Daily reminder run (NCRONTAB, UTC); 09:00 Asia/Almaty is 04:00 UTC.')
param reminderSchedule string = '0 0 4 * * *'

@description('Maximum instances of the Flex Consumption app.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
// Names are known before deployment, so modules refer to each other's resources by name ('existing'),
// which keeps What-If precise.
var names = {
  identity: 'id-otrabotka-${token}'
  storage: 'stotrabotka${token}'
  logs: 'log-otrabotka-${token}'
  insights: 'appi-otrabotka-${token}'
  vault: 'kv-otrb-${take(token, 15)}'
  site: 'func-otrabotka-${token}'
  plan: 'plan-otrabotka-${token}'
  topic: 'evgt-otrabotka-${token}'
  deploymentContainer: 'deployment'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-otrabotka-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logs
    applicationInsightsName: names.insights
    location: location
    tags: tags
  }
}

module vault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.vault
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.insights
    keyVaultName: names.vault
    identityName: names.identity
    deployerPrincipalId: principalId
  }
  dependsOn: [identity, storage, monitoring, vault]
}

module function 'app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: names.site
    planName: names.plan
    location: location
    tags: tags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    applicationInsightsName: names.insights
    keyVaultName: names.vault
    publicBaseUrl: publicBaseUrl
    authMetadataAddress: authMetadataAddress
    authIssuer: authIssuer
    authAudience: authAudience
    authSubjectClaim: authSubjectClaim
    sendGridFromEmail: sendGridFromEmail
    sendGridFromName: sendGridFromName
    reminderSchedule: reminderSchedule
    maximumInstanceCount: maximumInstanceCount
  }
  dependsOn: [rbac]
}

module events 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: names.topic
    location: location
    tags: tags
    storageAccountName: names.storage
  }
  dependsOn: [storage]
}

output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_KEY_VAULT_URI string = vault.outputs.uri
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = events.outputs.name
