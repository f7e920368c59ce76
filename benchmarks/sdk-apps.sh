#!/usr/bin/env bash
# Module size and HTTP cost of the SDK example apps beside their C counterparts: each app alone behind
# `wedge run` on 127.0.0.1 (both engines), a 5 s wrk warm-up, then `wrk -t1 -c4 -d10s --latency`.
# APPS="hello hello-as" ENGINES=chicory benchmarks/sdk-apps.sh to narrow it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
APPS=${APPS:-"hello hello-as echo echo-as wagi-hello kv-as kv-go"}
ENGINES=${ENGINES:-"chicory wasmtime"}
PORT=${PORT:-18600}
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

for app in $APPS; do printf '%-12s %9d bytes\n' "$app" "$(stat -c %s "apps/$app/$app.wasm")"; done
for engine in $ENGINES; do
    for app in $APPS; do
        PORT=$((PORT + 1))
        extra=()
        case $app in kv-*) extra=(--kv-store "visits=embedded:$work/kv-$engine-$app" \
            --queue "bus=embedded:$work/q-$engine-$app" --env QUEUE=bus) ;; esac
        ./wedge run --engine "$engine" --port "$PORT" "${extra[@]}" "apps/$app/$app.wasm" >"$work/$app.log" 2>&1 &
        pid=$!
        for _ in $(seq 1 240); do curl -s -o /dev/null "http://127.0.0.1:$PORT/x" && break; sleep 0.5; done
        wrk -t1 -c4 -d5s "http://127.0.0.1:$PORT/x" >/dev/null
        echo "== $engine $app"
        wrk -t1 -c4 -d10s --latency "http://127.0.0.1:$PORT/x" | grep -E 'Requests/sec| 50% | 99% |Non-2xx'
        kill "$pid"
        wait "$pid" 2>/dev/null || true
        pid=""
    done
done
