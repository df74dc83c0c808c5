#!/usr/bin/env bash
# Runs every test of the solution against its own in-memory Azurite on free ports, then prints
# "N passed, N failed" (summed from the TRX files) as its last line. Exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
ensure_node_modules
ensure_chromium

RESULTS="$ROOT/TestResults/run"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"

read -r BLOB QUEUE TABLE < <(free_ports 3)
say "starting Azurite in memory (blob $BLOB, queue $QUEUE, table $TABLE)"
AZURITE_PID=""
cleanup() { [ -n "$AZURITE_PID" ] && kill "$AZURITE_PID" 2>/dev/null && wait "$AZURITE_PID" 2>/dev/null; return 0; }
trap cleanup EXIT
# A second account keeps the tests that move the clock or break e-mail delivery apart from the rest.
ISOLATED_KEY="$(printf 'otrabotka-isolated-test-account-key' | base64 | tr -d '\n')"
# A third keeps the import and reminder-run jobs (small bounds, their own queues) apart from both.
SCALE_KEY="$(printf 'otrabotka-scale-test-account-key' | base64 | tr -d '\n')"
# Two more keep the pension-feed tests (feed1) and their host-restart test (feedcrash1) apart from all others.
FEED_KEY="$(printf 'otrabotka-feed-test-account-key' | base64 | tr -d '\n')"
FEEDCRASH_KEY="$(printf 'otrabotka-feedcrash-test-account-key' | base64 | tr -d '\n')"
# Azurite's partition index (ADR 0027) checks every answer it gives against Azurite's own; a difference fails the run.
INDEX_DIFFERENCES="$RESULTS/azurite-index-differences.log"
AZURITE_INDEX_VERIFY="$INDEX_DIFFERENCES" AZURITE_ACCOUNTS="devstoreaccount1:$AZURITE_KEY;isolated1:$ISOLATED_KEY;scale1:$SCALE_KEY;feed1:$FEED_KEY;feedcrash1:$FEEDCRASH_KEY" \
  start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > "$RESULTS/azurite.log" 2>&1
export AzureWebJobsStorage AzureWebJobsStorageIsolated AzureWebJobsStorageScale AzureWebJobsStorageFeed AzureWebJobsStorageFeedCrash
AzureWebJobsStorage="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE")"
AzureWebJobsStorageIsolated="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE" | sed "s|devstoreaccount1|isolated1|g; s|AccountKey=[^;]*|AccountKey=$ISOLATED_KEY|")"
AzureWebJobsStorageScale="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE" | sed "s|devstoreaccount1|scale1|g; s|AccountKey=[^;]*|AccountKey=$SCALE_KEY|")"
AzureWebJobsStorageFeed="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE" | sed "s|devstoreaccount1|feed1|g; s|AccountKey=[^;]*|AccountKey=$FEED_KEY|")"
AzureWebJobsStorageFeedCrash="$(azurite_connection "$BLOB" "$QUEUE" "$TABLE" | sed "s|devstoreaccount1|feedcrash1|g; s|AccountKey=[^;]*|AccountKey=$FEEDCRASH_KEY|")"

say "building"
set +e
dotnet build Otrabotka.Functions.sln -c Release --nologo -v quiet -clp:ErrorsOnly
build=$?
test_code=1
if [ $build -eq 0 ]; then
  say "running tests"
  dotnet test Otrabotka.Functions.sln -c Release --no-build --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS"
  test_code=$?
fi
cleanup; AZURITE_PID=""

# The reminder-run benchmark at a small size: its bound on entities read (only due graduates) is a check that can fail.
bench=1
if [ $build -eq 0 ]; then
  say "reminder-run benchmark (small size; full size: bash scripts/bench-reminders.sh)"
  # Above the inline bound (100 here), so the run goes through its queue in chunks; the probe's 101 rows count as read.
  BENCH_INLINE_LIMIT=100 bash scripts/bench-reminders.sh 20000 2500 | tail -n 3
  bench=${PIPESTATUS[0]}
fi
set -e

# Sum the counters of every TRX file; a run-level error with no failed test still counts as one failure.
read -r passed failed < <(node -e '
  const fs = require("fs"), path = require("path"), dir = process.argv[1];
  let p = 0, f = 0;
  for (const file of fs.readdirSync(dir).filter(n => n.endsWith(".trx"))) {
    const m = /<Counters\b[^>]*>/.exec(fs.readFileSync(path.join(dir, file), "utf8"));
    if (!m) continue;
    const get = k => Number((new RegExp(`\\b${k}="(\\d+)"`).exec(m[0]) || [0, 0])[1]);
    p += get("passed"); f += get("failed") + get("error") + get("timeout") + get("aborted");
  }
  console.log(p, f);' "$RESULTS")
if [ $bench -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
# The index's own check: one more passed when every indexed answer equalled Azurite's own, one failed otherwise.
if [ -s "$INDEX_DIFFERENCES" ]; then
  echo "Azurite's partition index answered differently from Azurite $(wc -l < "$INDEX_DIFFERENCES") time(s): $INDEX_DIFFERENCES" >&2
  head -c 2000 "$INDEX_DIFFERENCES" >&2; echo >&2
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi
if { [ $build -ne 0 ] || [ $test_code -ne 0 ]; } && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
