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

# local.settings.json: made from the sample when missing, and given any setting the sample gained since;
# "generate-on-first-run" placeholders become fresh random development keys.
node -e '
  const fs = require("fs"), crypto = require("crypto");
  const sample = JSON.parse(fs.readFileSync("local.settings.sample.json", "utf8"));
  const exists = fs.existsSync("local.settings.json");
  const local = exists ? JSON.parse(fs.readFileSync("local.settings.json", "utf8")) : { IsEncrypted: false, Values: {} };
  local.Values = local.Values || {};
  const added = [];
  for (const [k, v] of Object.entries(sample.Values)) {
    if (!(k in local.Values)) {
      local.Values[k] = v === "generate-on-first-run" ? "dev-" + crypto.randomBytes(32).toString("base64url") : v;
      added.push(k);
    }
  }
  if (added.length) {
    fs.writeFileSync("local.settings.json", JSON.stringify(local, null, 2) + "\n");
    console.log(exists ? "added to local.settings.json from the sample: " + added.join(", ") : "created local.settings.json from the sample, with fresh development keys");
  }'

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

  Home         http://127.0.0.1:7071/
  Graduates    http://127.0.0.1:7071/graduate
  Job check    http://127.0.0.1:7071/check
  Employers    http://127.0.0.1:7071/confirm#t=…   (the link in the employer's e-mail)
  Operators    http://127.0.0.1:7071/operator      (review, import, graduates, dashboard, audit trail)
  API          http://127.0.0.1:7071/api/health   (routes: /api/openapi.json)
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
