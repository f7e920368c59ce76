#!/usr/bin/env bash
# Runs the README's test command (scripts/test.sh) N times, each in a fresh clone of this repo's HEAD, and prints
# how many runs passed. With --hog, a busy loop competes for one core the whole time, as on a loaded CI machine.
# The log of every failed run is kept (its path is printed).
#   scripts/repeat-tests.sh [--hog] N
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

hog=false load=""
if [ "${1:-}" = --hog ]; then hog=true load=" (with a CPU hog on one core)"; shift; fi
runs=${1:-}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/repeat-tests.sh [--hog] N" >&2; exit 2; }
[ -z "$(git -C "$ROOT" status --porcelain)" ] || echo "repeat-tests: uncommitted changes are not tested" >&2

work=$(mktemp -d)
hog_pid=""
cleanup() {
    [ -z "$hog_pid" ] || kill "$hog_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
if $hog; then
    sh -c 'while :; do :; done' &
    hog_pid=$!
fi

passed=0
for ((run = 1; run <= runs; run++)); do
    clone="$work/run-$run" log="$work/run-$run.log"
    git clone -q "$ROOT" "$clone"
    start=$SECONDS
    if (cd "$clone" && scripts/test.sh) >"$log" 2>&1; then
        passed=$((passed + 1))
        outcome=passed
    else
        mkdir -p "$ROOT/target/repeat-tests"
        cp "$log" "$ROOT/target/repeat-tests/"
        outcome="FAILED (log: $ROOT/target/repeat-tests/run-$run.log)"
    fi
    echo "run $run/$runs: $outcome in $((SECONDS - start)) s; $(grep '^tests:' "$log" | tail -n 1 || true)"
    rm -rf "$clone"
done
echo "repeat-tests: $passed of $runs runs passed$load"
[ "$passed" -eq "$runs" ]
