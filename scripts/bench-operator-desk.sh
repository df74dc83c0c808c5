#!/usr/bin/env bash
# Issue 15: operators' search and dashboard counters at scale, on their own in-memory Azurite.
#   bash scripts/bench-operator-desk.sh [GRADUATES]   (default 100,000)
# Seeds the graduates (profiles, IIN index, then the operators' index and counters through the import
# path's batch sync), then times searches (by name without Kazakh letters, two words, a rare name, no
# match, IIN, a status) and the counters, printing entities read; then the same again on stock Azurite (see below);
# and, for comparison, a scan of every profile (what the old name search read). Exits non-zero if a search page reads
# more than its page size, or the counters read more than shards × facet values or differ from what was seeded.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
GRADUATES=${1:-100000}
say "building the benchmark (Release)"
dotnet build benchmarks/Otrabotka.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
read -r BLOB QUEUE TABLE < <(free_ports 3)
say "starting Azurite in memory (blob $BLOB, queue $QUEUE, table $TABLE)"
AZURITE_PID=""
trap '[ -n "$AZURITE_PID" ] && kill "$AZURITE_PID" 2>/dev/null; wait 2>/dev/null; true' EXIT
# Azurite with its partition index (scripts/azurite-key-lookup.cjs, ADR 0027), as every Azurite the project starts.
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1
# After the timed searches, the benchmark signals this Azurite (SIGUSR2) to put its own lookup back and times them again
# over the same data (BENCH_STOCK_PASS=0 skips that second pass).
BENCH_AZURITE_PID="$([ "${BENCH_STOCK_PASS:-1}" = 0 ] || echo "$AZURITE_PID")" AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")" \
  dotnet benchmarks/Otrabotka.Benchmarks/bin/Release/net10.0/Otrabotka.Benchmarks.dll operator-desk "$GRADUATES"
