#!/usr/bin/env bash
# Issue 11, M1: memory under hostile files. Starts an in-memory Azurite and the local host (Release) on
# free ports, uploads one hostile file at a time (flate bombs, 100,001 objects, a 21-gigapixel PNG header,
# a 100 MP PNG that really expands to 300 MB) and prints, per file, the answer, the reason and how far the
# host's RSS rose over its idle level. Fails if any growth passes 150 MB.
#   bash scripts/bench-hostile-files.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules

say "building the local host (Release)"
dotnet build functions/Otrabotka.LocalHost/Otrabotka.LocalHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
DLL="$ROOT/functions/Otrabotka.LocalHost/bin/Release/net10.0/Otrabotka.LocalHost.dll"

read -r BLOB QUEUE TABLE HTTP < <(free_ports 4)
PIDS=()
cleanup() { for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null; wait "${PIDS[i]}" 2>/dev/null; done; return 0; }
trap cleanup EXIT
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1
PIDS+=("$AZURITE_PID")

KEY="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")"
export AZURE_FUNCTIONS_ENVIRONMENT=Development LocalHost__Urls="http://127.0.0.1:$HTTP"
export Otrabotka__PublicBaseUrl="http://127.0.0.1:$HTTP" SendGrid__ApiKey="$KEY" SendGrid__BaseUrl="http://127.0.0.1:$HTTP" SendGrid__FromEmail="no-reply@bench.local"
export Auth__SigningKey="$KEY-signing-key-0123456789" Intake__EmployerLinkKey="$KEY-link-key-0123456789abcdef"
export ReminderSchedule="0 0 0 1 1 *" OutboxSweepSchedule="0 */1 * * * *" IntakeSweepSchedule="30 */1 * * * *"
export Logging__LogLevel__Default=Warning

say "starting the local host on 127.0.0.1:$HTTP"
dotnet "$DLL" > /dev/null 2>&1 &
HOST_PID=$!
PIDS+=("$HOST_PID")
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP/api/health")" = 200 ] && break
  kill -0 "$HOST_PID" 2>/dev/null || { echo "the local host exited" >&2; exit 1; }
  sleep 0.2
done

OPERATOR="$(dotnet "$DLL" token --role operator --sub bench-operator)"
say "generating hostile files and uploading them one at a time"
node benchmarks/hostile-files/measure.mjs "http://127.0.0.1:$HTTP" "$HOST_PID" "$OPERATOR" dotnet "$DLL" token --role graduate --sub
