#!/usr/bin/env bash
# Storage benchmarks on their own in-memory Azurite.
#   bash scripts/bench-reminders.sh [GRADUATES] [DUE]   reminder run (default 200,000 graduates, 2,000 due; each due
#                                                       graduate stored with its profile, plan and stamp rows);
#                                                       prints every entity read (index + live rows) and calls per reminder;
#                                                       exits non-zero unless it reads only due graduates — the index's
#                                                       entities (due rows, decision, markers) < 1.1 × due, at most one
#                                                       read of a graduate's 3 live rows per reminder, entitiesRead =
#                                                       index + live rows — or if it sends a reminder twice or one
#                                                       execution passes 60 s
#     BENCH_SEND_RATE (default 10000/s), BENCH_INLINE_LIMIT (default 1000, above it the run is chunked)
#   the issue-12 size: bash scripts/bench-reminders.sh 200000 50000
#   BENCH=import bash scripts/bench-reminders.sh [ROWS] CSV import (default 10,000 rows), then re-import; above
#                                                       5,000 rows it is a job drained 16 chunks at a time;
#                                                       prints rows/s, longest execution, writes per row, raw upserts/s,
#                                                       each phase of a chunk (time and calls) and both processes' CPU
#     BENCH_IMPORT_CHUNK_ROWS (default: Import__ChunkRows' default, 1,000); BENCH_IMPORT_REIMPORT=0 skips the re-import;
#     BENCH_IMPORT_CHUNK_SECONDS (default: Import__ChunkSeconds' default, 30: a chunk's execution then queues the rest);
#     BENCH_IMPORT_BUDGET_SECONDS stops taking chunks after that long and reports the rows registered by then
#   AZURITE_STOCK=1       Azurite without its partition index (scripts/azurite-key-lookup.cjs, ADR 0027)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
GRADUATES=${1:-$([ "${BENCH:-reminders}" = import ] && echo 10000 || echo 200000)}
DUE=${2:-2000}
say "building the benchmark (Release)"
dotnet build benchmarks/Otrabotka.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
read -r BLOB QUEUE TABLE < <(free_ports 3)
say "starting Azurite in memory (blob $BLOB, queue $QUEUE, table $TABLE)"
AZURITE_PID=""
trap '[ -n "$AZURITE_PID" ] && kill "$AZURITE_PID" 2>/dev/null; wait 2>/dev/null; true' EXIT
if [ "${AZURITE_STOCK:-0}" = 1 ]; then say "stock Azurite (AZURITE_STOCK=1)"; fi
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1
AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")" BENCH_AZURITE_PID="$AZURITE_PID" \
  dotnet benchmarks/Otrabotka.Benchmarks/bin/Release/net10.0/Otrabotka.Benchmarks.dll "${BENCH:-reminders}" "$GRADUATES" "$DUE"
