// Otrabotka on Azure: a Flex Consumption function app with a user-assigned managed identity, storage
// without shared keys, Key Vault (closed to the internet, reached by a private endpoint) for secrets,
// Application Insights with Entra auth, audit logs of storage, Key Vault and the app in Log Analytics,
// and an Event Grid system topic for the intake/ and feeds/ blob triggers (their subscriptions are made
// after deployment, see scripts/postdeploy.sh, because the webhook needs the blobs extension key).
//
// Where this may run: Azure has no region in Kazakhstan, and Law 94-V art. 12 p.2 wants personal data
// stored on Kazakhstan's territory. This deployment is for demonstration with synthetic data until the
// operator's lawyers decide (docs/decisions/0011-where-it-may-run.md); deploy/k8s runs the same app
// in-country.
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

// Identity (docs/decisions/0005-auth-and-links.md): each role has its own provider. Graduates sign in
// through the state's eGov IdP, which verifies the IIN; operators through the Center's Entra tenant.
// Metadata addresses must name one tenant (not common/organizations/consumers): the app refuses to start otherwise.
@description('Graduates\' identity provider (eGov IdP): OpenID Connect metadata address of a tenant-specific authority.')
param authGraduateMetadataAddress string

@description('Issuer graduates\' tokens must carry (empty: the metadata\'s).')
param authGraduateIssuer string = ''

@description('Audience graduates\' tokens must carry.')
param authGraduateAudience string

@minLength(1)
@description('The claim in which the graduates\' provider puts the IIN it verified. No default: name it.')
param authGraduateSubjectClaim string

@description('A claim that must list "graduate" (empty: every token of the graduates\' provider is a graduate\'s).')
param authGraduateRoleClaim string = ''

@description('Operators\' identity provider (Entra): OpenID Connect metadata address of the Center\'s tenant.')
param authOperatorMetadataAddress string

@description('Issuer operators\' tokens must carry (empty: the metadata\'s).')
param authOperatorIssuer string = ''

@description('Audience operators\' tokens must carry.')
param authOperatorAudience string

@minLength(1)
@description('The claim that names an operator (e.g. oid). No default: name it.')
param authOperatorSubjectClaim string

@description('A claim that must list "operator" (Entra app roles: roles).')
param authOperatorRoleClaim string = 'roles'

@description('Supervisors\' identity provider (who read the operators\' audit trail): by default the operators\' tenant.')
param authSupervisorMetadataAddress string = authOperatorMetadataAddress

@description('Issuer supervisors\' tokens must carry (empty: the metadata\'s).')
param authSupervisorIssuer string = authOperatorIssuer

@description('Audience supervisors\' tokens must carry.')
param authSupervisorAudience string = authOperatorAudience

@minLength(1)
@description('A claim that must list "supervisor" (Entra app roles: roles). Required: supervisors share the operators\' tenant.')
param authSupervisorRoleClaim string = 'roles'

@description('Sender of every e-mail.')
param sendGridFromEmail string

@description('Display name of the sender.')
param sendGridFromName string = '«Қаржы орталығы» АҚ / АО «Финансовый центр»'

@description('Daily reminder run (NCRONTAB, UTC); 09:00 Asia/Almaty is 04:00 UTC.')
param reminderSchedule string = '0 0 4 * * *'

@description('Reach Key Vault through a private endpoint in the app\'s network (its public access is denied either way).')
param keyVaultPrivateEndpoint bool = true

@description('Public addresses allowed through Key Vault\'s firewall besides trusted services (e.g. an operator\'s office).')
param keyVaultAllowedIpRanges array = []

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
  network: 'vnet-otrabotka-${token}'
}
// Every container: the app's (StorageNames.Containers), feeds/ for the pension feed, the Functions
// host's own, and the deployment package's. The app's identity gets blob rights on these only.
var containers = ['intake', 'documents', 'quarantine', 'feeds', 'imports', 'reminder-runs', 'azure-webjobs-hosts', 'azure-webjobs-secrets', names.deploymentContainer]

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

module network 'app/network.bicep' = {
  name: 'network'
  scope: rg
  params: {
    name: names.network
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
    containers: containers
    publicBaseUrl: publicBaseUrl
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
    privateEndpoint: keyVaultPrivateEndpoint
    networkId: network.outputs.id
    endpointsSubnetId: network.outputs.endpointsSubnetId
    allowedIpRanges: keyVaultAllowedIpRanges
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
    containers: containers
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
    authGraduate: {
      metadataAddress: authGraduateMetadataAddress
      issuer: authGraduateIssuer
      audience: authGraduateAudience
      subjectClaim: authGraduateSubjectClaim
      roleClaim: authGraduateRoleClaim
    }
    authOperator: {
      metadataAddress: authOperatorMetadataAddress
      issuer: authOperatorIssuer
      audience: authOperatorAudience
      subjectClaim: authOperatorSubjectClaim
      roleClaim: authOperatorRoleClaim
    }
    authSupervisor: {
      metadataAddress: authSupervisorMetadataAddress
      issuer: authSupervisorIssuer
      audience: authSupervisorAudience
      // Supervisors sign in where operators do: the same claim names them.
      subjectClaim: authOperatorSubjectClaim
      roleClaim: authSupervisorRoleClaim
    }
    sendGridFromEmail: sendGridFromEmail
    sendGridFromName: sendGridFromName
    reminderSchedule: reminderSchedule
    maximumInstanceCount: maximumInstanceCount
    appSubnetId: network.outputs.appSubnetId
  }
  dependsOn: [rbac]
}

module diagnostics 'app/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    storageAccountName: names.storage
    keyVaultName: names.vault
    siteName: names.site
    logAnalyticsName: names.logs
  }
  dependsOn: [storage, vault, monitoring, function]
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
