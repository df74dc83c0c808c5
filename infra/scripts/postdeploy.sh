#!/usr/bin/env bash
# azd postdeploy: subscribe the blob triggers to BlobCreated events — intake/ (uploads) and feeds/
# (pension-contribution files), each with its own subscription. The webhook carries the blobs extension
# key, which exists only after the code is deployed, so this cannot be in Bicep.
set -euo pipefail
: "${AZURE_RESOURCE_GROUP:?}" "${AZURE_FUNCTION_APP_NAME:?}" "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"
FUNCTION=ValidateUpload   # functions/Otrabotka.Functions/Triggers/IntakeBlobFunction.cs
echo "waiting for the blobs extension key of $AZURE_FUNCTION_APP_NAME"
for _ in $(seq 1 30); do
  KEY=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$KEY" ] && break
  sleep 10
done
[ -n "${KEY:-}" ] || { echo "no blobs_extension key yet; run this script again once the app has started" >&2; exit 1; }
HOST=$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" --query defaultHostName -o tsv)

subscribe() { # subscription-name container function
  az eventgrid system-topic event-subscription create \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    --name "$1" \
    --endpoint "https://$HOST/runtime/webhooks/blobs?functionName=Host.Functions.$3&code=$KEY" \
    --endpoint-type webhook \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/$2/" \
    --max-delivery-attempts 30 --event-ttl 1440 \
    --output none
  echo "event subscription $1 → $3"
}

subscribe intake-blob-created intake "$FUNCTION"

# feeds/: StartFeedImport (functions/Otrabotka.Functions/Triggers/FeedBlobFunction.cs) starts a pension-feed import.
subscribe feeds-blob-created feeds StartFeedImport
