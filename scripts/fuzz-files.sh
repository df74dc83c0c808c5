#!/usr/bin/env bash
# Generated inputs for file inspection (issue 11): random bytes and mutated PDFs, PNGs and JPEGs through
# FileInspector + FileRules, in process (no storage needed). Prints the inputs run, the exceptions (must
# be 0), the refusals by first reason and the slowest input.
#   bash scripts/fuzz-files.sh            # 100,000 inputs
#   bash scripts/fuzz-files.sh 5000       # another count (the test suite runs 3,000)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
require
export FUZZ_FILES_COUNT="${1:-100000}"
say "file inspection: $FUZZ_FILES_COUNT generated inputs"
set +e
out="$(dotnet test tests/Otrabotka.Functions.Tests -c Release --nologo --filter "FullyQualifiedName~FileInspectionFuzzTests" --logger "console;verbosity=detailed" 2>&1)"
code=$?
set -e
grep -E "fuzz-files:" <<<"$out" | sed 's/^ *//'
if [ $code -ne 0 ]; then
  grep -E "Failed|Exception|Error Message" -A 12 <<<"$out" | head -60
  echo "fuzz-files: FAILED (an input raised an exception; CsCheck prints its seed above)"
fi
exit $code
