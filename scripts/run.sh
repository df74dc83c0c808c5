#!/usr/bin/env bash
# Runs Otrabotka locally: Azurite (data under .azurite/) and the local host on http://127.0.0.1:7071.
# Ctrl-C or SIGTERM stops what this script started, and nothing else.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require

for port in 7071 10000 10001 10002; do
  if port_taken "$port"; then
    echo "Port $port is already in use on 127.0.0.1; stop what holds it (ss -ltnp 'sport = :$port') and try again." >&2
    exit 1
  fi
done

ensure_node_modules

if [ ! -f local.settings.json ]; then
  say "creating local.settings.json from the sample, with fresh development keys"
  key() { head -c 32 /dev/urandom | base64 | tr -d '\n/+=' ; }
  sed "s|generate-on-first-run|dev-$(key)|" local.settings.sample.json > local.settings.json
  while grep -q 'generate-on-first-run' local.settings.json; do
    sed -i "0,/generate-on-first-run/s||dev-$(key)|" local.settings.json
  done
fi

say "building (dotnet build)"
dotnet build functions/Otrabotka.LocalHost/Otrabotka.LocalHost.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

PIDS=()
stop() {
  local code=${1:-$?}
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "stopping"
    # The host first (its listeners release their leases in storage), then Azurite.
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
      kill "${PIDS[i]}" 2>/dev/null || true
      wait "${PIDS[i]}" 2>/dev/null || true
    done
  fi
  exit "$code"
}
trap 'stop 0' INT TERM
trap 'stop' EXIT

say "starting Azurite (blob 10000, queue 10001, table 10002; data in .azurite/)"
mkdir -p .azurite
start_azurite 10000 10001 10002 --location .azurite
PIDS+=("$AZURITE_PID")

say "starting the local host"
dotnet functions/Otrabotka.LocalHost/bin/Release/net10.0/Otrabotka.LocalHost.dll &
PIDS+=("$!")

for _ in $(seq 1 600); do
  kill -0 "${PIDS[1]}" 2>/dev/null || { echo "the local host exited; see the log above" >&2; exit 1; }
  if [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:7071/api/health)" = 200 ]; then
    cat <<MSG

  API          http://127.0.0.1:7071/api/health
  Dev mail     http://127.0.0.1:7071/dev/mail/view
  Azurite      blob 127.0.0.1:10000 · queue 127.0.0.1:10001 · table 127.0.0.1:10002

ready
MSG
    wait "${PIDS[1]}"
    exit 0
  fi
  sleep 0.2
done
echo "the local host did not become healthy within 120 s" >&2
exit 1
