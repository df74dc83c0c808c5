// Storage with shared-key access and public blob access off, TLS 1.2: requests are authorized by Entra
// (the app's identity) or by a user-delegation SAS (browsers' uploads), never by the account key. The
// blob endpoint stays public so a browser can PUT a file with its SAS; CORS lets only the public site's
// origin do that. The containers, tables and queues the app uses
// (functions/Otrabotka.Functions/Storage/StorageNames.cs), and Defender for Storage on-upload malware
// scanning.
param name string
param location string
param tags object
@description('Every container, the host\'s own and the deployment package\'s included (main.bicep lists them once).')
param containers array
@description('scheme://host of the public site: the only origin allowed to upload with a SAS from a browser.')
param publicBaseUrl string

var queues = ['dispatch', 'dispatch-poison', 'imports', 'imports-poison', 'reminder-runs', 'reminder-runs-poison', 'feed-chunks', 'feed-chunks-poison', 'operator-resync', 'operator-resync-poison']
var tables = ['graduates', 'reminderruns', 'iinindex', 'reviewqueue', 'documentindex', 'outboxpending', 'notificationsfailed', 'reminderdue', 'employerdomains', 'employerchecks', 'importjobs', 'employerregistry', 'feedjobs', 'feedfiles', 'feedreviews', 'feedflags', 'operatorindex', 'operatorcounters', 'operatoraudit']

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
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 30 }
    containerDeleteRetentionPolicy: { enabled: true, days: 30 }
    // Browsers upload large files straight to intake/ with a user-delegation SAS (PUT, block blobs); the
    // operators' preview reads a file through its short-lived read link (GET).
    cors: {
      corsRules: [
        {
          allowedOrigins: [publicBaseUrl]
          allowedMethods: ['GET', 'PUT', 'OPTIONS']
          allowedHeaders: ['content-type', 'content-length', 'x-ms-blob-type', 'x-ms-blob-content-type', 'x-ms-version', 'x-ms-client-request-id']
          exposedHeaders: ['etag', 'x-ms-request-id', 'x-ms-version']
          maxAgeInSeconds: 3600
        }
      ]
    }
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

// Defender for Storage: on-upload malware scanning of every uploaded file. With no Event Grid topic set,
// each result is written as the blob index tag "Malware Scanning scan result" ("No threats found" or
// "Malicious"), which the app reads (Malware__Source=defender, DefenderMalwareVerdicts.cs; the tag-read
// role is in rbac.bicep). Past the monthly cap files are not scanned: no verdict, so they wait for review.
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
