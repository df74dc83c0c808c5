// Storage with shared-key access and public blob access off, TLS 1.2; the containers, tables and
// queues the app uses (functions/Otrabotka.Functions/Storage/StorageNames.cs), and Defender for
// Storage on-upload malware scanning.
param name string
param location string
param tags object

var containers = ['intake', 'documents', 'quarantine', 'deployment', 'imports', 'reminder-runs']
var queues = ['dispatch', 'dispatch-poison', 'imports', 'imports-poison', 'reminder-runs', 'reminder-runs-poison']
var tables = ['graduates', 'reminderruns', 'iinindex', 'reviewqueue', 'documentindex', 'outboxpending', 'notificationsfailed', 'reminderdue', 'importjobs']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 30 }
    containerDeleteRetentionPolicy: { enabled: true, days: 30 }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containers: {
  parent: blobService
  name: container
  properties: { publicAccess: 'None' }
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in queues: {
  parent: queueService
  name: queue
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tables: {
  parent: tableService
  name: table
}]

// Defender for Storage: on-upload malware scanning of every uploaded file (verdicts are used later).
resource defender 'Microsoft.Security/defenderForStorageSettings@2022-12-01-preview' = {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: {
        isEnabled: true
        capGBPerMonth: 100
      }
    }
    sensitiveDataDiscovery: { isEnabled: false }
  }
}

output name string = account.name
output deploymentContainerName string = blobContainers[3].name
