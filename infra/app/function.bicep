// The Flex Consumption function app (dotnet-isolated 10.0) running as the user-assigned identity.
// Storage is reached by identity-based connection settings; secrets are Key Vault references resolved
// with the same identity. Every setting here is listed in SettingsCatalog (a test keeps them in step).
param name string
param planName string
param location string
param tags object
param identityName string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param keyVaultName string
param publicBaseUrl string
@description('Graduates\' identity provider: metadataAddress, issuer, audience, subjectClaim, roleClaim.')
param authGraduate object
@description('Operators\' identity provider: metadataAddress, issuer, audience, subjectClaim, roleClaim.')
param authOperator object
@description('Supervisors\' identity provider (they read the audit trail): metadataAddress, issuer, audience, subjectClaim, roleClaim.')
param authSupervisor object
param sendGridFromEmail string
param sendGridFromName string
param reminderSchedule string
param maximumInstanceCount int
@description('Subnet (delegated to Microsoft.App/environments) the app\'s outbound traffic leaves through; it reaches Key Vault\'s private endpoint from there.')
param appSubnetId string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
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

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: account.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: account.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: account.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    Otrabotka__PublicBaseUrl: publicBaseUrl
    Auth__Graduate__MetadataAddress: authGraduate.metadataAddress
    Auth__Graduate__Issuer: authGraduate.issuer
    Auth__Graduate__Audience: authGraduate.audience
    Auth__Graduate__SubjectClaim: authGraduate.subjectClaim
    Auth__Graduate__RoleClaim: authGraduate.roleClaim
    Auth__Operator__MetadataAddress: authOperator.metadataAddress
    Auth__Operator__Issuer: authOperator.issuer
    Auth__Operator__Audience: authOperator.audience
    Auth__Operator__SubjectClaim: authOperator.subjectClaim
    Auth__Operator__RoleClaim: authOperator.roleClaim
    Auth__Supervisor__MetadataAddress: authSupervisor.metadataAddress
    Auth__Supervisor__Issuer: authSupervisor.issuer
    Auth__Supervisor__Audience: authSupervisor.audience
    Auth__Supervisor__SubjectClaim: authSupervisor.subjectClaim
    Auth__Supervisor__RoleClaim: authSupervisor.roleClaim
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/SendGridApiKey)'
    SendGrid__BaseUrl: 'https://api.sendgrid.com'
    SendGrid__FromEmail: sendGridFromEmail
    SendGrid__FromName: sendGridFromName
    Intake__EmployerLinkKey: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/EmployerLinkKey)'
    // The IIN index is keyed by HMAC-SHA256(this key, IIN): table row keys appear in storage request logs.
    IinIndex__Key: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/IinIndexKey)'
    // Malware verdicts from Defender for Storage's blob index tag; an upload waits up to 30 s for its scan,
    // then goes to review (never accepted without a clean verdict).
    Malware__Source: 'defender'
    Malware__WaitSeconds: '30'
    ReminderSchedule: reminderSchedule
    OutboxSweepSchedule: '0 */1 * * * *'
    IntakeSweepSchedule: '30 */1 * * * *'
    Notifications__RetryBaseSeconds: '2'
    Notifications__DispatchWorkers: '16'
    Import__InlineRowLimit: '5000'
    Import__ChunkRows: '1000'
    Import__ChunkSeconds: '30'
    Feed__ChunkRows: '1000'
    Feed__Parallelism: '8'
    Feed__ChunkSeconds: '20'
    Reminders__InlineLimit: '1000'
    Reminders__ChunkSize: '500'
    Reminders__SendRatePerSecond: '100'
    Reminders__ChunkSeconds: '40'
  }
}

output name string = site.name
