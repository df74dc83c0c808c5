// Key Vault for the SendGrid key, the employer-link signing key and the IIN index key. RBAC
// authorization; the secrets' values are set by scripts/postprovision.sh (never in the repo, never in a
// template).
//
// Network: denied by default. The firewall's default action is Deny; trusted Azure services bypass it
// (Defender, backup); addresses in allowedIpRanges pass (postprovision.sh adds the deployer's own
// address for the minutes it sets secrets, then removes it). The function app resolves its Key Vault
// references over its VNet integration through the private endpoint (privateEndpoint = true), so the
// vault needs no public path for the app. Without the private endpoint, the app's references fail
// unless its outbound addresses are allowed — App Service is not a "trusted service" for references.
param name string
param location string
param tags object
@description('Create a private endpoint (and its privatelink DNS zone) in this network.')
param privateEndpoint bool
param networkId string
param endpointsSubnetId string
@description('Public addresses or CIDR ranges allowed through the firewall (e.g. an operator\'s office); empty by default.')
param allowedIpRanges array

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // 'Enabled' only lets the firewall below apply: with its default action Deny, nothing from a public
    // address gets in except trusted services and allowedIpRanges.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: [for range in allowedIpRanges: { value: range }]
      virtualNetworkRules: []
    }
  }
}

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = if (privateEndpoint) {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource zoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = if (privateEndpoint) {
  parent: zone
  name: 'vault-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: networkId }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (privateEndpoint) {
  name: 'pe-${name}'
  location: location
  tags: tags
  properties: {
    subnet: { id: endpointsSubnetId }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: ['vault']
        }
      }
    ]
  }
}

resource endpointZone 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (privateEndpoint) {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: { privateDnsZoneId: zone.id }
      }
    ]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
