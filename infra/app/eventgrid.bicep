// The Event Grid system topic on the storage account. The BlobCreated subscription for intake/ is
// created by scripts/postdeploy.sh: its webhook needs the blobs extension key, which exists only once
// the code is deployed.
param name string
param location string
param tags object
param storageAccountName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
