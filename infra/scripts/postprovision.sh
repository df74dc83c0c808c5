#!/usr/bin/env bash
# azd postprovision: put the secrets into Key Vault if they are not there yet (never in the repo).
#   SENDGRID_API_KEY must be set in the azd environment (azd env set SENDGRID_API_KEY ...).
#   The employer-link signing key and the IIN index key are generated once; re-running keeps them
#   (rotation: SECURITY.md).
# Key Vault denies public network access by default: this script lets the deployer's own address through
# the firewall for the minutes it needs and takes it out again on the way out.
set -euo pipefail
: "${AZURE_KEY_VAULT_NAME:?run through azd, which sets it from the deployment outputs}"
MY_IP=$(curl -fsS https://api.ipify.org)
az keyvault network-rule add --name "$AZURE_KEY_VAULT_NAME" --ip-address "$MY_IP/32" --output none
trap 'az keyvault network-rule remove --name "$AZURE_KEY_VAULT_NAME" --ip-address "$MY_IP/32" --output none' EXIT
sleep 30   # firewall changes take a little while to apply

if ! az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name SendGridApiKey >/dev/null 2>&1; then
  : "${SENDGRID_API_KEY:?set it with: azd env set SENDGRID_API_KEY <key>}"
  az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name SendGridApiKey --value "$SENDGRID_API_KEY" --output none
  echo "SendGridApiKey stored"
fi
if ! az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name EmployerLinkKey >/dev/null 2>&1; then
  az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name EmployerLinkKey --value "$(openssl rand -base64 48)" --output none
  echo "EmployerLinkKey generated and stored"
fi
if ! az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name IinIndexKey >/dev/null 2>&1; then
  # Generated once: the IIN index's row keys are MACs under it (rotation: SECURITY.md).
  az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name IinIndexKey --value "$(openssl rand -base64 48)" --output none
  echo "IinIndexKey generated and stored"
fi
