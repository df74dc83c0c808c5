using 'main.bicep'

// Production: the operator's domain and identity provider; sized for 200,000 graduates.
param environmentName = 'prod'
param location = 'westeurope'
param publicBaseUrl = 'https://otrabotka.fincenter.kz'
// Graduates: the eGov IdP (address and IIN claim from the integration agreement; tenant-specific by nature).
param authGraduateMetadataAddress = 'https://idp.egov.kz/.well-known/openid-configuration'
param authGraduateAudience = 'api://otrabotka'
param authGraduateSubjectClaim = 'iin'
// Operators: the Center's own Entra tenant, never 'common' (its issuer is a template no token carries).
param authOperatorMetadataAddress = 'https://login.microsoftonline.com/fincenter.kz/v2.0/.well-known/openid-configuration'
param authOperatorAudience = 'api://otrabotka'
param authOperatorSubjectClaim = 'oid'
param sendGridFromEmail = 'no-reply@fincenter.kz'
param maximumInstanceCount = 100
