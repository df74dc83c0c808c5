using 'main.bicep'

// Production: the operator's domain and identity provider; sized for 200,000 graduates.
param environmentName = 'prod'
param location = 'westeurope'
param publicBaseUrl = 'https://otrabotka.fincenter.kz'
param authMetadataAddress = 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration'
param authAudience = 'api://otrabotka'
param sendGridFromEmail = 'no-reply@fincenter.kz'
param maximumInstanceCount = 100
