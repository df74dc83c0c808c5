#!/usr/bin/env bash
# Azurite's queue drain at a backlog (ADR 0027, fourth addendum): N messages put, then drained by W workers receiving 32
# at a time and deleting each, on an in-memory Azurite on loopback with the project's preloads.
#   bash scripts/bench-azurite-queue.sh [N] [W]        N: messages (default 50000), W: workers (default 8)
#   AZURITE_STOCK=1 bash scripts/bench-azurite-queue.sh 10000     the same on stock Azurite (no preload)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_node_modules
N=${1:-50000}; W=${2:-8}
read -r BLOB QUEUE TABLE < <(free_ports 3)
trap 'kill $AZURITE_PID 2>/dev/null; wait $AZURITE_PID 2>/dev/null; true' EXIT
say "starting Azurite in memory (queue port $QUEUE)$([ "${AZURITE_STOCK:-0}" = 1 ] && echo ', stock: no preload')"
start_azurite "$BLOB" "$QUEUE" "$TABLE" --inMemoryPersistence > /dev/null 2>&1
say "putting $N messages, then draining them with $W workers"
node scripts/bench-azurite-queue.cjs "$QUEUE" "$N" "$W"
say "Azurite's resident memory at the end: $(( $(awk '/VmRSS/ {print $2}' "/proc/$AZURITE_PID/status") / 1024 )) MB"
