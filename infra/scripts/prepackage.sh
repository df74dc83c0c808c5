#!/bin/sh
# azd prepackage hook: the app embeds Swagger UI (/api/docs) from node_modules/swagger-ui-dist (package.json).
set -eu
cd "$(dirname "$0")/../.."
npm ci --no-audit --no-fund --loglevel=error
