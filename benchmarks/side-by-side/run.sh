#!/usr/bin/env bash
# Side by side, in ONE run with the same load tool (wrk) and settings: a plain Vert.x hello handler (the ceiling),
# wedge serving apps/hello (a fresh instance per request) on each engine, and Cloudflare's workerd serving the same
# hello.wasm with a fresh instance per request. Prints requests/s, p50 and p99 for each and the ratios
# wedge/ceiling and wedge/workerd; writes them to benchmarks/results/side-by-side.txt.
# Everything listens on 127.0.0.1 only. Settings: DURATION (10s), CONNECTIONS (16), THREADS (2), WARMUP (5s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

DURATION=${DURATION:-10s} CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-2} WARMUP=${WARMUP:-5s}
JAVA="$(scripts/find-jdk.sh)/bin/java"
OUT=benchmarks/results/side-by-side.txt

[[ -f verticles/target/wedge.jar && -f benchmarks/target/benchmarks.jar ]] \
    || JAVA_HOME="$(scripts/find-jdk.sh)" scripts/mvn.sh -B -ntp -q -DskipTests -pl verticles,benchmarks -am package
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
[[ -x benchmarks/side-by-side/node_modules/.bin/workerd ]] \
    || (cd benchmarks/side-by-side && npm install --no-audit --no-fund --silent)

server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true # a killed server exits non-zero; that is the point
        server_pid=""
    fi
}
trap stop_server EXIT

# measure NAME PORT COMMAND...: starts the server, waits for a 200 (bounded), warms up, measures, stops it.
measure() {
    local name=$1 port=$2; shift 2
    "$@" > "/tmp/side-by-side-$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
        kill -0 "$server_pid" 2>/dev/null || { echo "$name did not start; see /tmp/side-by-side-$name.log" >&2; exit 1; }
        sleep 0.2
    done
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$port/" > /dev/null
    local report; report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port/")
    stop_server
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$report")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$report")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$report")
    errors=$(grep -cE 'Non-2xx|Socket errors' <<< "$report" || true)
    printf '%-18s %12s %10s %10s%s\n' "$name" "$rps" "$p50" "$p99" "$([[ $errors -gt 0 ]] && echo '  (errors!)')"
    eval "rps_${name//-/_}=$rps"
}

{
    echo "side-by-side on $(nproc) cores, $(date -u +%F): wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP)"
    printf '%-18s %12s %10s %10s\n' "server" "requests/s" "p50" "p99"
    measure ceiling 8090 "$JAVA" -cp benchmarks/target/benchmarks.jar dev.wedge.bench.CeilingServer 8090
    measure wedge-chicory 8091 "$JAVA" --enable-native-access=ALL-UNNAMED -jar verticles/target/wedge.jar \
        run --port 8091 --engine chicory apps/hello/hello.wasm
    measure wedge-wasmtime 8092 "$JAVA" --enable-native-access=ALL-UNNAMED -jar verticles/target/wedge.jar \
        run --port 8092 --engine wasmtime apps/hello/hello.wasm
    measure workerd 8093 benchmarks/side-by-side/node_modules/.bin/workerd serve benchmarks/side-by-side/workerd.capnp
    for engine in chicory wasmtime; do
        eval "wedge=\$rps_wedge_$engine"
        awk -v w="$wedge" -v c="$rps_ceiling" -v k="$rps_workerd" -v e="$engine" \
            'BEGIN { printf "wedge (%s) / ceiling = %.2fx (goal >= 0.5)   wedge (%s) / workerd = %.2fx (goal >= 3)\n", e, w / c, e, w / k }'
    done
} | tee "$OUT"
