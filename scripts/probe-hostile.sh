#!/usr/bin/env bash
# Probes a running local system (README's run command, http://127.0.0.1:7071) with hostile and careless requests
# through the documented routes; prints each case and its status, flags every 5xx, every 4xx that is not problem
# details, every problem not in the caller's language, and every double or loss under bursts of ≤ 20 identical
# requests. Loopback only; bodies ≤ 50 MB. Exit code 1 when anything is flagged.
# Usage: bash scripts/probe-hostile.sh [http://127.0.0.1:7071]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
BASE=${1:-http://127.0.0.1:7071}
DLL=functions/Otrabotka.LocalHost/bin/Release/net10.0/Otrabotka.LocalHost.dll
[ -f "$DLL" ] || { echo "build first (bash scripts/run.sh builds $DLL)" >&2; exit 2; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/health")" = 200 ] || { echo "nothing healthy at $BASE; start bash scripts/run.sh" >&2; exit 2; }
token() { dotnet "$DLL" token "$@"; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
iins=$(node -e '
  const c = f => { const d=[...f].map(Number); let s=d.reduce((a,x,i)=>a+x*(i+1),0)%11; if(s===10) s=d.reduce((a,x,i)=>a+x*(((i+2)%11)+1),0)%11; return s===10?-1:s; };
  const out=[]; while(out.length<4){ const f="9"+(1+Math.floor(Math.random()*8))+"0"+(1+Math.floor(Math.random()*9))+"1"+(1+Math.floor(Math.random()*8))+"3"+String(Math.floor(Math.random()*10000)).padStart(4,"0"); const k=c(f); if(k>=0) out.push(f+k); }
  console.log(out.join(" "));')
{
  printf '{"operator":"%s","supervisor":"%s","expired":"%s","graduates":{' "$(token --role operator)" "$(token --role supervisor)" "$(token --role operator --hours -1)"
  sep=""
  for i in $iins; do printf '%s"%s":"%s"' "$sep" "$i" "$(token --role graduate --sub "$i")"; sep=","; done
  printf '}}\n'
} > "$WORK/tokens.json"
export PROBE_TOKENS="$WORK/tokens.json"
export PROBE_SIGNING_KEY=$(node -e 'console.log(JSON.parse(require("fs").readFileSync("local.settings.json","utf8")).Values.Auth__SigningKey)')
node scripts/probe-hostile.mjs "$BASE"
