using 'main.bicep'

// Development: small scale, test identity provider.
param environmentName = 'dev'
param location = 'westeurope'
param publicBaseUrl = 'https://dev.otrabotka.example.kz'
// Graduates: the eGov IdP (address and IIN claim from the integration agreement; tenant-specific by nature).
param authGraduateMetadataAddress = 'https://idp-test.egov.kz/.well-known/openid-configuration'
param authGraduateAudience = 'api://otrabotka-dev'
param authGraduateSubjectClaim = 'iin'
// Operators: the Center's own Entra tenant, never 'common' (its issuer is a template no token carries).
param authOperatorMetadataAddress = 'https://login.microsoftonline.com/otrabotkadev.onmicrosoft.com/v2.0/.well-known/openid-configuration'
param authOperatorAudience = 'api://otrabotka-dev'
param authOperatorSubjectClaim = 'oid'
param sendGridFromEmail = 'no-reply@dev.otrabotka.example.kz'
param maximumInstanceCount = 40
