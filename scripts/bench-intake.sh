#!/usr/bin/env bash
# Intake benchmark (issue 12): the local host on its own in-memory Azurite, loopback only.
#   bash scripts/bench-intake.sh [LEVELS]     LEVELS: comma-separated concurrency levels (default 1,10,50,100)
# Each level C sends 2·C multipart uploads from C concurrent graduates (rural-quota pedagogical, a village
# school, distinct employer e-mails) and prints p50/p95/p99 of the HTTP answer and of upload → employer e-mail,
# errors, uploads/s, storage calls per upload, the host's RSS, and a raw reference (blob put + one entity
# insert at the same concurrency) with the ratio intake ÷ raw. Before the levels, 3 + 100·BENCH_INTAKE_WARMUP_ROUNDS
# uploads are not measured (default 3 rounds: a warm host; BENCH_INTAKE_WARMUP_ROUNDS=0 measures the cold one).
# BENCH_INTAKE_UPLOADS_PER_UPLOADER (default 2) sends that many·C uploads a level instead of 2·C (a steadier rate).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
LEVELS=${1:-1,10,50,100}

say "building the local host and the benchmark (Release)"
dotnet build functions/Otrabotka.LocalHost/Otrabotka.LocalHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build benchmarks/Otrabotka.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly

read -r BLOB QUEUE TABLE HOST_PORT < <(free_ports 4)
PIDS=()
cleanup() { for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null; wait "${PIDS[i]}" 2>/dev/null; done; true; }
trap cleanup EXIT
say "starting Azurite in memory (blob $BLOB, queue $QUEUE, table $TABLE)"
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1
PIDS+=("$AZURITE_PID")

export AzureWebJobsStorage; AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")"
BASE="http://127.0.0.1:$HOST_PORT"
export BENCH_SIGNING_KEY="bench-signing-key-$(date +%s%N)-0123456789abcdef"
WORK="$(mktemp -d)"
say "starting the local host on $BASE"
(
  cd "$WORK"   # no local.settings.json here: every setting comes from the environment below
  LocalHost__Urls="$BASE" Otrabotka__PublicBaseUrl="$BASE" SendGrid__BaseUrl="$BASE" SendGrid__ApiKey=bench-key \
  SendGrid__FromEmail=no-reply@otrabotka.bench Auth__SigningKey="$BENCH_SIGNING_KEY" Auth__Issuer=otrabotka-local \
  Auth__Audience=otrabotka Intake__EmployerLinkKey="bench-link-key-0123456789abcdef0123456789" \
  ReminderSchedule="0 0 0 1 1 *" OutboxSweepSchedule="0 */5 * * * *" IntakeSweepSchedule="0 */5 * * * *" \
  Logging__LogLevel__Default=Warning \
  exec dotnet "$ROOT/functions/Otrabotka.LocalHost/bin/Release/net10.0/Otrabotka.LocalHost.dll" > "$WORK/host.log" 2>&1
) &
PIDS+=("$!")
HOST_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/health")" = 200 ] && break
  kill -0 "$HOST_PID" 2>/dev/null || { echo "the local host exited:" >&2; tail -20 "$WORK/host.log" >&2; exit 1; }
  sleep 0.2
done
# The host's own process (the subshell exec'd into dotnet, so the PID is the host's).
say "host ready (pid $HOST_PID); driving uploads at C = $LEVELS"
BENCH_AZURITE_PID="$AZURITE_PID" dotnet benchmarks/Otrabotka.Benchmarks/bin/Release/net10.0/Otrabotka.Benchmarks.dll intake "$BASE" "$LEVELS" "$HOST_PID"
