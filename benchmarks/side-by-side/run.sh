#!/usr/bin/env bash
# Side by side, in ONE run with the same load tool (wrk) and settings: a plain Vert.x hello handler (the ceiling),
# wedge serving (a fresh instance per request) apps/hello on each engine, and on Chicory apps/wagi-hello (WAGI) and
# the large guest (benchmarks/src/main/guests/large.c: 17 MiB of memory, 960 KiB of data), on each engine
# apps/wagi-go (a Go wasip1 WAGI app: 2.3 MB, 17 MiB of initial memory), and Cloudflare's
# workerd serving the same four modules with a fresh instance per request (worker.js). Prints requests/s, p50 and
# p99 for each and every ratio to the ceiling and to workerd with issue 18's goals; writes them to
# benchmarks/results/side-by-side.txt. NO_WORKERD=1 leaves workerd out (its ratios are then not printed);
# JAR=path/to/other/wedge.jar JVM_OPTIONS=FILE OUT=... measures another build of wedge, or other JVM options.
# ONLY="ceiling wedge-chicory ..." measures only the named rows (ratios need both of their rows).
# ROUNDS (3) measures every row that many times, in turn: a ratio is taken within each round, between rows
# measured a few minutes apart at most, and the median of the rounds is the figure (a shared host's speed drifts
# by a quarter over minutes, which one round would read as a change of wedge's).
# Everything listens on 127.0.0.1 only. Settings: DURATION (10s), CONNECTIONS (16), THREADS (2), WARMUP (5s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

DURATION=${DURATION:-10s} CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-2} WARMUP=${WARMUP:-5s} ROUNDS=${ROUNDS:-3}
JAVA="$(scripts/find-jdk.sh)/bin/java"
OUT=${OUT:-benchmarks/results/side-by-side.txt}
JAR=${JAR:-verticles/target/wedge.jar}
JVM_OPTIONS=${JVM_OPTIONS:-jvm.options}

[[ -f verticles/target/wedge.jar && -f benchmarks/target/benchmarks.jar ]] \
    || JAVA_HOME="$(scripts/find-jdk.sh)" scripts/mvn.sh -B -ntp -q -DskipTests -pl verticles,benchmarks -am package
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
WORKERD=benchmarks/side-by-side/node_modules/.bin/workerd
if [[ -z "${NO_WORKERD:-}" && ! -x $WORKERD ]]; then
    (cd benchmarks/side-by-side && npm install --no-audit --no-fund --silent) \
        || echo "workerd could not be installed: measuring without it" >&2
fi

server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true # a killed server exits non-zero; that is the point
        server_pid=""
    fi
}
trap stop_server EXIT

# measure NAME PORT PATH COMMAND...: starts the server, waits for a 200 on PATH (bounded), warms up, measures,
# stops it.
measure() {
    local name=$1 port=$2 path=$3; shift 3
    [[ -z "${ONLY:-}" || " $ONLY " == *" $name "* ]] || return 0
    local url="http://127.0.0.1:$port$path"
    if curl -fs -o /dev/null "$url"; then
        echo "something already serves $url: stop it first" >&2; exit 1
    fi
    "$@" > "/tmp/side-by-side-$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do
        curl -fs -o /dev/null "$url" && break
        kill -0 "$server_pid" 2>/dev/null || { echo "$name did not start; see /tmp/side-by-side-$name.log" >&2; exit 1; }
        sleep 0.2
    done
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" > /dev/null
    local report; report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
    stop_server
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$report")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$report")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$report")
    errors=$(grep -cE 'Non-2xx|Socket errors' <<< "$report" || true)
    printf '%-22s %12s %10s %10s%s\n' "$name" "$rps" "$p50" "$p99" "$([[ $errors -gt 0 ]] && echo '  (errors!)')"
    eval "rps_${name//-/_}_$round=$rps"
}

median() { # median of the numbers given
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# ratio NAME BASE GOAL: NAME's requests/s over BASE's in each round, the median against the goal, then each
# round's (skipped when either row was not measured).
ratio() {
    local rps base ratios=()
    for ((round = 1; round <= ROUNDS; round++)); do
        eval "rps=\${rps_${1//-/_}_$round:-}"
        eval "base=\${rps_${2//-/_}_$round:-}"
        [[ -n $rps && -n $base ]] && ratios+=("$(awk -v a="$rps" -v b="$base" 'BEGIN { printf "%.3f", a / b }')")
    done
    [[ ${#ratios[@]} -gt 0 ]] || return 0
    awk -v r="$(median "${ratios[@]}")" -v n="$1" -v d="$2" -v g="$3" -v each="${ratios[*]}" \
        'BEGIN { printf "%-22s / %-14s = %5.2fx", n, d, r
                 if (g != "-") printf "  (goal >= %s: %s)", g, (r >= g ? "met" : "NOT met")
                 gsub(/ /, ", ", each); printf "  rounds: %s\n", each }'
}

wedge() { # wedge ENGINE PORT MODULE: a wedge serving one module, with the node's JVM options
    exec "$JAVA" @"$JVM_OPTIONS" -jar "$JAR" run --port "$2" --engine "$1" "$3" # exec: stop_server kills the JVM
}

rows() { # one round: every row in turn
    measure ceiling 8090 / "$JAVA" -cp benchmarks/target/benchmarks.jar dev.wedge.bench.CeilingServer 8090
    measure wedge-chicory 8091 / wedge chicory 8091 apps/hello/hello.wasm
    measure wedge-chicory-wagi 8091 /wagi/x?y=1 wedge chicory 8091 apps/wagi-hello/wagi-hello.wasm
    measure wedge-chicory-large 8091 /large wedge chicory 8091 benchmarks/src/main/resources/guests/large.wasm
    measure wedge-chicory-go 8091 /go/x?y=1 wedge chicory 8091 apps/wagi-go/wagi-go.wasm
    measure wedge-wasmtime 8092 / wedge wasmtime 8092 apps/hello/hello.wasm
    measure wedge-wasmtime-go 8092 /go/x?y=1 wedge wasmtime 8092 apps/wagi-go/wagi-go.wasm
    if [[ -z "${NO_WORKERD:-}" && -x $WORKERD ]]; then
        measure workerd 8093 / "$WORKERD" serve benchmarks/side-by-side/workerd.capnp
        measure workerd-wagi 8093 /wagi/x?y=1 "$WORKERD" serve benchmarks/side-by-side/workerd.capnp
        measure workerd-large 8093 /large "$WORKERD" serve benchmarks/side-by-side/workerd.capnp
        measure workerd-go 8093 /go/x?y=1 "$WORKERD" serve benchmarks/side-by-side/workerd.capnp
    fi
}

{
    echo "side-by-side on $(nproc) cores, $(date -u +%F): wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP), $ROUNDS rounds"
    for ((round = 1; round <= ROUNDS; round++)); do
        echo "round $round"
        printf '%-22s %12s %10s %10s\n' "server" "requests/s" "p50" "p99"
        rows
    done
    echo "ratios: the median of the rounds' ratios"
    ratio wedge-chicory ceiling 0.5
    ratio wedge-chicory-wagi ceiling 0.35
    ratio wedge-chicory-large ceiling -
    ratio wedge-wasmtime ceiling 0.5
    ratio wedge-chicory workerd 3
    ratio wedge-chicory-wagi workerd-wagi 3
    ratio wedge-chicory-large workerd-large 1
    ratio wedge-wasmtime workerd 3
    ratio wedge-chicory-go workerd-go 1
    ratio wedge-wasmtime-go workerd-go 1
} | tee "$OUT"
