using 'main.bicep'

// Development: small scale, test identity provider.
param environmentName = 'dev'
param location = 'westeurope'
param publicBaseUrl = 'https://dev.otrabotka.example.kz'
param authMetadataAddress = 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration'
param authAudience = 'api://otrabotka-dev'
param sendGridFromEmail = 'no-reply@dev.otrabotka.example.kz'
param maximumInstanceCount = 40
