#!/usr/bin/env bash
# The pension-feed benchmark (issue 16) on its own in-memory Azurite:
#   bash scripts/bench-feed.sh                 a small month: 4,000 rows, 3,600 graduates, 1,000 registry entries (a few minutes)
#   bash scripts/bench-feed.sh full            the issue's size: 200,000 rows, 183,000 graduates, 50,000 registry entries
#   bash scripts/bench-feed.sh ROWS GRADUATES EMPLOYERS
# Imports the registry and the feed through their chunked paths (the feed queue drained 16 at a time, e-mails
# dispatched by the real dispatcher to a counting sender), then the same feed again. Prints rows/s, the longest
# execution and the phases of the five slowest (read, graduates, sync, record), storage calls per row, peak memory,
# the time to the last e-mail and the re-import's changes;
# exits non-zero if the re-import changes anything, sends an e-mail, or an execution passes 60 s.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
if [ "${1:-}" = full ]; then set -- 200000 183000 50000; fi
ROWS=${1:-4000}; GRADUATES=${2:-3600}; EMPLOYERS=${3:-1000}
say "building the benchmark (Release)"
dotnet build benchmarks/Otrabotka.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
read -r BLOB QUEUE TABLE < <(free_ports 3)
say "starting Azurite in memory (blob $BLOB, queue $QUEUE, table $TABLE)"
AZURITE_PID=""
trap '[ -n "$AZURITE_PID" ] && kill "$AZURITE_PID" 2>/dev/null; wait 2>/dev/null; true' EXIT
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1
AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")" \
  dotnet benchmarks/Otrabotka.Benchmarks/bin/Release/net10.0/Otrabotka.Benchmarks.dll feed "$ROWS" "$GRADUATES" "$EMPLOYERS"
