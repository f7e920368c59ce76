#!/usr/bin/env bash
# Time an http app's own stages as it reports them in Server-Timing, on each engine, in one run:
#
#   benchmarks/server-timing.sh MODULE.wasm FILE REQUESTS [wedge run options...]
#
# For each engine (chicory, then wasmtime) the module is served alone by `wedge run` on a loopback port, FILE is
# POSTed REQUESTS times, one at a time, and the median of each Server-Timing entry (name;dur=MS) over the second
# half of the requests (the first half warms the JIT) is printed, then each engine's median over Wasmtime's.
# The load average is printed with each engine's figures: on a shared machine, compare ratios, not times.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -ge 3 ] || { echo "usage: $0 MODULE.wasm FILE REQUESTS [wedge run options...]" >&2; exit 2; }
module=$1 file=$2 requests=$3
shift 3

work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else print v[int((NR + 1) / 2)]}'; }

for engine in chicory wasmtime; do
    port=$((20000 + RANDOM % 20000))
    ./wedge run --engine "$engine" -p "$port" --host 127.0.0.1 --timeout-ms 600000 "$@" "$module" \
        >"$work/$engine.log" 2>&1 &
    server=$!
    until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
        kill -0 "$server" 2>/dev/null || { cat "$work/$engine.log" >&2; exit 1; }
        sleep 1
    done
    for _ in $(seq "$requests"); do
        curl -s -o /dev/null -D - --data-binary @"$file" "http://127.0.0.1:$port/" \
            | tr -d '\r' | sed -n 's/^server-timing: //Ip'
    done | tail -n $((requests / 2)) >"$work/$engine.timing"
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=""
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    for name in $(grep -o '[a-z_-]*;dur=' "$work/$engine.timing" | sort -u | sed 's/;dur=//'); do
        value=$(grep -o "$name;dur=[0-9.]*" "$work/$engine.timing" | sed 's/.*=//' | median)
        echo "$engine $name $value" >>"$work/medians"
        printf '%-9s %-10s median %10s ms  (%d requests, last %d counted, load %s)\n' "$engine" "$name" "$value" \
            "$requests" $((requests / 2)) "$load"
    done
done
awk '$1 == "wasmtime" {w[$2] = $3} {all[NR] = $0} END {
    for (i = 1; i <= NR; i++) { split(all[i], f, " "); if (f[1] != "wasmtime" && w[f[2]] > 0)
        printf "%s %s: %.1fx wasmtime\n", f[1], f[2], f[3] / w[f[2]] } }' "$work/medians"
