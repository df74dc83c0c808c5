#!/usr/bin/env bash
# Generated inputs for every parser (issue 11): JSON bodies, multipart, CSV, bearer tokens, employer links,
# FUZZ_COUNT each (default 100,000; the ordinary test suite runs 2,000), then FUZZ_HTTP_COUNT generated
# requests through the local host (default 5,000). Fails on any unhandled exception or 5xx; prints one line
# per parser (inputs, failures) for BENCHMARKS.md. Own in-memory Azurite on free ports, loopback only.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
export FUZZ_COUNT=${FUZZ_COUNT:-100000}
export FUZZ_HTTP_COUNT=${FUZZ_HTTP_COUNT:-5000}
OUT="$ROOT/TestResults/fuzz"
rm -rf "$OUT"; mkdir -p "$OUT"
export FUZZ_REPORT="$OUT/report.tsv"

read -r BLOB QUEUE TABLE < <(free_ports 3)
AZURITE_PID=""
trap '[ -n "$AZURITE_PID" ] && kill "$AZURITE_PID" 2>/dev/null; wait "$AZURITE_PID" 2>/dev/null; true' EXIT
say "starting Azurite in memory (blob $BLOB, queue $QUEUE, table $TABLE)"
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > "$OUT/azurite.log" 2>&1
export AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")"
# The isolated account is not used by these tests, but the fixtures read the variable.
export AzureWebJobsStorageIsolated="$AzureWebJobsStorage"

say "building (Release)"
dotnet build tests/Otrabotka.Functions.Tests -c Release --nologo -v quiet -clp:ErrorsOnly
say "running $FUZZ_COUNT inputs per parser and $FUZZ_HTTP_COUNT HTTP requests"
set +e
start=$(date +%s)
dotnet test tests/Otrabotka.Functions.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~GeneratedInputTests|FullyQualifiedName~LogScanTests" \
  --logger "console;verbosity=minimal" --results-directory "$OUT"
code=$?
set -e
say "done in $(( $(date +%s) - start )) s"
printf '%-10s %10s %10s  %s\n' parser inputs failures detail
[ -f "$FUZZ_REPORT" ] && while IFS=$'\t' read -r parser inputs failures detail; do
  printf '%-10s %10s %10s  %s\n' "$parser" "$inputs" "$failures" "$detail"
done < "$FUZZ_REPORT"
exit $code
