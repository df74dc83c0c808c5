# Shared by scripts/run.sh and scripts/test.sh. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

require() {
  command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required: https://dot.net" >&2; exit 1; }
  command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js and npm are required (for Azurite)." >&2; exit 1; }
}

# npm ci only when package-lock.json changed since the last install.
ensure_node_modules() {
  local stamp="$ROOT/node_modules/.lock-stamp" want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -x "$ROOT/node_modules/.bin/azurite" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "node modules are current"
    return
  fi
  say "installing npm packages: Azurite, the pages' bundler and libraries (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_ports N: N distinct free loopback ports on one line. All N are held open together before any is released,
# so the same port is never handed out twice (drawing them one at a time once gave the queue and the table one port).
free_ports() {
  node -e 'const net = require("net"), n = Number(process.argv[1]), servers = [];
    let open = 0;
    for (let i = 0; i < n; i++) {
      const s = net.createServer(); servers.push(s);
      s.listen(0, "127.0.0.1", () => { if (++open === n) { console.log(servers.map(x => x.address().port).join(" ")); servers.forEach(x => x.close()); } });
    }' "${1:-1}"
}
free_port() { free_ports 1; }

wait_port() {
  local port=$1 pid=$2 tries=0
  until port_taken "$port"; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited before port $port opened" >&2; return 1; }
    tries=$((tries + 1)); [ $tries -gt 300 ] && { echo "port $port did not open in 30 s" >&2; return 1; }
    sleep 0.1
  done
}

# start_azurite BLOB QUEUE TABLE [azurite flags...]; sets AZURITE_PID.
# Azurite finds entities by partition through scripts/azurite-key-lookup.cjs and queue messages and extents through
# scripts/azurite-queue-index.cjs (ADR 0027); AZURITE_STOCK=1 leaves both out,
# AZURITE_INDEX_VERIFY=<file> has it compare every indexed answer with Azurite's own and write differences to <file>.
start_azurite() {
  local blob=$1 queue=$2 table=$3; shift 3
  local preload=""
  [ "${AZURITE_STOCK:-0}" = 1 ] || preload="--require $ROOT/scripts/azurite-key-lookup.cjs --require $ROOT/scripts/azurite-queue-index.cjs"
  # AZURITE_NODE_ARGS: flags for node itself, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile Azurite.
  # shellcheck disable=SC2086
  NODE_OPTIONS="${NODE_OPTIONS:-} $preload" node ${AZURITE_NODE_ARGS:-} "$ROOT/node_modules/azurite/dist/src/azurite.js" --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" "$@" &
  AZURITE_PID=$!
  wait_port "$blob" "$AZURITE_PID" && wait_port "$queue" "$AZURITE_PID" && wait_port "$table" "$AZURITE_PID"
}

azurite_connection() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$2/devstoreaccount1;TableEndpoint=http://127.0.0.1:$3/devstoreaccount1;"
}

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
ensure_chromium() {
  if command -v chromium >/dev/null; then return; fi
  say "installing Chromium (apt-get) for the browser tests"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}
