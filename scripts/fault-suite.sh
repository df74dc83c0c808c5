#!/usr/bin/env bash
# Fault suite (issue 17): the local host on Azurite, loopback only; prints one table row per fault.
#   bash scripts/fault-suite.sh [BURST_SECONDS] [CONCURRENCY] [PHASES]   (defaults 90 s, 8 at a time, phases 1,2,3)
#   FAULT_PHASE2_SECONDS (default 30): phase 2's burst; FAULT_TWICE_COUNT (default 20): phase 3's documents;
#   FAULT_WAIT_SECONDS (default 420): the driver's bounded wait for e-mails after a burst (it prints progress every 10 s).
# 1. storage stopped for 60 s in the middle of a burst of uploads and confirmations (Azurite on disk,
#    SIGTERM, restarted on the same ports with its data) — and the host must still be up afterwards;
# 2. the e-mail endpoint failing half its calls (the capture refuses with 500 before it accepts);
# 3. a blob event delivered three times (the trigger, then /complete twice at once).
# Lost = an accepted upload with no employer e-mail, an accepted confirmation with no status change or no
# e-mail to the graduate; doubled = two messages of one kind to one person with different notificationIds;
# resent = one notificationId sent twice (ADR 0003's window: SendGrid accepted it, storage was down).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
SECONDS_BURST=${1:-90}
CONCURRENCY=${2:-8}
PHASES=${3:-1,2,3}
PHASE2_SECONDS=${FAULT_PHASE2_SECONDS:-30}
TWICE_COUNT=${FAULT_TWICE_COUNT:-20}

say "building the local host and the driver (Release)"
dotnet build functions/Otrabotka.LocalHost/Otrabotka.LocalHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build benchmarks/Otrabotka.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
DRIVER=(dotnet benchmarks/Otrabotka.Benchmarks/bin/Release/net10.0/Otrabotka.Benchmarks.dll faults)

PIDS=()
cleanup() { for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; wait "${PIDS[i]}" 2>/dev/null || true; done; true; }
trap cleanup EXIT
WORK="$(mktemp -d)"
export BENCH_SIGNING_KEY="fault-signing-key-$(date +%s%N)-0123456789abcdef"
read -r BLOB QUEUE TABLE < <(free_ports 3)

# start_host PORT [ENV=VALUE...]: the local host on PORT against the current Azurite; sets HOST_PID.
start_host() {
  local port=$1 base="http://127.0.0.1:$1"; shift
  (
    cd "$WORK"
    export AzureWebJobsStorage LocalHost__Urls="$base" Otrabotka__PublicBaseUrl="$base" SendGrid__BaseUrl="$base" \
      SendGrid__ApiKey=fault-key SendGrid__FromEmail=no-reply@otrabotka.fault Auth__SigningKey="$BENCH_SIGNING_KEY" \
      Auth__Issuer=otrabotka-local Auth__Audience=otrabotka Intake__EmployerLinkKey="fault-link-key-0123456789abcdef0123456789" \
      ReminderSchedule="0 0 0 1 1 *" OutboxSweepSchedule="*/10 * * * * *" IntakeSweepSchedule="*/10 * * * * *" \
      Notifications__RetryBaseSeconds=0.5 LocalHost__MailCapture__Capacity=10000 Logging__LogLevel__Default=Warning "$@"
    exec dotnet "$ROOT/functions/Otrabotka.LocalHost/bin/Release/net10.0/Otrabotka.LocalHost.dll" >> "$WORK/host-$port.log" 2>&1
  ) &
  HOST_PID=$!; PIDS+=("$HOST_PID")
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")" = 200 ] && return 0
    kill -0 "$HOST_PID" 2>/dev/null || { echo "the local host exited:" >&2; tail -20 "$WORK/host-$port.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the local host did not become healthy" >&2; exit 1
}

echo "| fault | requests | faulted answers | uploads accepted | confirmations accepted | lost uploads | lost status changes | lost e-mails to graduates | doubled | resent (ADR 0003) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
failed=0

# 1. Storage stopped for 60 s mid-burst.
if [[ ",$PHASES," == *",1,"* ]]; then
mkdir -p "$WORK/azurite"
start_azurite "$BLOB" "$QUEUE" "$TABLE" --location "$WORK/azurite" > "$WORK/azurite.log" 2>&1; PIDS+=("$AZURITE_PID")
AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")"
PORT=$(free_port); start_host "$PORT"; HOST1=$HOST_PID
"${DRIVER[@]}" burst "http://127.0.0.1:$PORT" "$SECONDS_BURST" "$CONCURRENCY" "storage stopped 60 s mid-burst" 2> >(tee "$WORK/driver1.err" >&2) &
DRIVER_PID=$!
sleep 20
say "stopping Azurite for 60 s" >&2
kill -TERM "$AZURITE_PID"; wait "$AZURITE_PID" 2>/dev/null || true
sleep 60
start_azurite "$BLOB" "$QUEUE" "$TABLE" --location "$WORK/azurite" >> "$WORK/azurite.log" 2>&1; PIDS+=("$AZURITE_PID")
say "Azurite back on the same ports" >&2
wait "$DRIVER_PID" || failed=1
if kill -0 "$HOST1" 2>/dev/null; then say "host still up after the outage: yes" >&2; else say "host still up after the outage: NO" >&2; failed=1; fi
kill "$HOST1" 2>/dev/null; wait "$HOST1" 2>/dev/null || true
kill -TERM "$AZURITE_PID"; wait "$AZURITE_PID" 2>/dev/null || true
fi

# 2. The e-mail endpoint failing half its calls; 3. a blob event delivered three times.
if [[ ",$PHASES," == *",2,"* || ",$PHASES," == *",3,"* ]]; then
read -r BLOB QUEUE TABLE < <(free_ports 3)
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1; PIDS+=("$AZURITE_PID")
AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")"
if [[ ",$PHASES," == *",2,"* ]]; then
  PORT=$(free_port); start_host "$PORT" LocalHost__MailCapture__FailureRate=0.5 LocalHost__MailCapture__FailureStatus=500
  say "phase 2: the e-mail endpoint failing half its calls (500 before it accepts), ${PHASE2_SECONDS} s burst" >&2
  "${DRIVER[@]}" burst "http://127.0.0.1:$PORT" "$PHASE2_SECONDS" "$CONCURRENCY" "e-mail endpoint failing half its calls" 2> >(tee "$WORK/driver2.err" >&2) || failed=1
  kill "$HOST_PID" 2>/dev/null; wait "$HOST_PID" 2>/dev/null || true
fi
if [[ ",$PHASES," == *",3,"* ]]; then
  PORT=$(free_port); start_host "$PORT"
  say "phase 3: a blob event delivered three times, $TWICE_COUNT documents" >&2
  "${DRIVER[@]}" twice "http://127.0.0.1:$PORT" "$TWICE_COUNT" 2> >(tee "$WORK/driver3.err" >&2) || failed=1
fi
fi
[ $failed -eq 0 ] && say "fault suite: nothing lost or doubled" >&2 || { say "fault suite: FAILED (logs in $WORK)" >&2; trap - EXIT; cleanup; exit 1; }
