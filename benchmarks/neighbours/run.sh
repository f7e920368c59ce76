#!/usr/bin/env bash
# The neighbour ratio of issue 12: how much of its solo throughput a well-behaved app keeps while another app on
# the same node misbehaves. For each case a fresh node (8 workers) serves the well-behaved app, apps/hello at
# /benign, and the other app at /other (max-concurrent 4, a 2 s deadline). The benign app is measured with
# `wrk -t1 -c4` twice, back to back on the same node: alone, then while HOSTILE_CLIENTS connections keep the other
# app busy (wrk with a 30 s timeout, so that no client gives up on its request). The case's ratio is the second
# figure over the first; measuring both on one node, a minute apart at most, keeps a shared machine's drift out of it.
#   control   the other app is apps/hello too: a benign neighbour under the same load
#   loop      spins to its deadline (532)              membomb    fills its memory cap, then traps (531)
#   recursion recurses until the stack gives out (533) headers    adds 100 response headers of 1 MiB each
#   memtouch  writes across 64 MiB until its deadline (532)
# The other app's load starts WARMUP before the second measurement (the node's steady state: the penalty box
# needs a few failures to notice an app). The summary gives, per case, the median over ROUNDS of the ratio and
# of ratio / control ratio of the same round (goal >= 0.9).
# Settings: DURATION (10s), WARMUP (5s), ROUNDS (3), HOSTILE_CLIENTS (4), ENGINE (chicory), JAR
# (verticles/target/wedge.jar), CASES, NODE_EXTRA (YAML added to the node's config, e.g. 'fairness: {app-share: 4}').
# Output: benchmarks/results/neighbours.txt (OUT), everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)

DURATION=${DURATION:-10s} WARMUP=${WARMUP:-5s} ROUNDS=${ROUNDS:-3} HOSTILE_CLIENTS=${HOSTILE_CLIENTS:-4}
ENGINE=${ENGINE:-chicory} JAR=${JAR:-verticles/target/wedge.jar} OUT=${OUT:-benchmarks/results/neighbours.txt}
CASES=${CASES:-"control loop membomb recursion headers memtouch"}
JAVA="$(scripts/find-jdk.sh)/bin/java"
WORK=benchmarks/target/neighbours
GUESTS=benchmarks/src/main/resources/guests

[[ -f "$JAR" ]] || JAVA_HOME="$(scripts/find-jdk.sh)" scripts/mvn.sh -B -ntp -q -DskipTests -pl verticles -am package
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
mkdir -p "$WORK"

module_of() {
    case $1 in
        control) echo "$ROOT/apps/hello/hello.wasm" ;;
        *) echo "$ROOT/$GUESTS/hostile_$1.wasm" ;;
    esac
}

node_pid="" load_pid=""
stop_all() {
    for pid in $load_pid $node_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true # a killed process exits non-zero; that is the point
    done
    load_pid="" node_pid=""
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# measure PORT: sets RPS to the benign app's requests/s over DURATION, after WARMUP.
measure() {
    wrk -t1 -c4 -d"$WARMUP" "http://127.0.0.1:$1/benign" > /dev/null
    local report; report=$(wrk -t1 -c4 -d"$DURATION" --latency "http://127.0.0.1:$1/benign")
    RPS=$(awk '/^Requests\/sec/ {print $2}' <<< "$report")
}

# run_case CASE: sets SOLO and BESIDE, the benign app's requests/s alone and beside CASE, on one fresh node.
run_case() {
    local name=$1 port; port=$(free_port)
    rm -rf "$WORK/$name"
    mkdir -p "$WORK/$name"
    cat > "$WORK/$name/node.yaml" <<YAML
server: {host: 127.0.0.1, port: $port, workers: 8, engine: $ENGINE}
admin: {host: 127.0.0.1, port: 0, token: bench}
deploy: {data-dir: deploy}
apps:
  benign: {module: "$ROOT/apps/hello/hello.wasm", routes: [/benign]}
  other: {module: "$(module_of "$name")", routes: [/other], max-concurrent: 4, timeout-ms: 2000}
${NODE_EXTRA:-}
YAML
    "$JAVA" @jvm.options ${JAVA_OPTS:-} -jar "$JAR" serve --config "$WORK/$name/node.yaml" \
        > "$WORK/$name/node.log" 2>&1 &
    node_pid=$!
    for _ in $(seq 1 300); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/benign" && break
        kill -0 "$node_pid" 2>/dev/null || { echo "the node did not start; see $WORK/$name/node.log" >&2; exit 1; }
        sleep 0.2
    done
    measure "$port"
    SOLO=$RPS
    wrk -t1 -c"$HOSTILE_CLIENTS" -d1h --timeout 30s "http://127.0.0.1:$port/other" > "$WORK/$name/other.txt" 2>&1 &
    load_pid=$!
    measure "$port"
    BESIDE=$RPS
    stop_all
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$OUT"
say() { echo "$*" | tee -a "$OUT"; }
say "neighbours on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg)), $(date -u +%F), $ENGINE, $JAR:" \
    "benign wrk -t1 -c4 -d$DURATION, other app wrk -c$HOSTILE_CLIENTS, warm-up $WARMUP, $ROUNDS rounds${NODE_EXTRA:+, $NODE_EXTRA}"
declare -A ratios relative
for round in $(seq 1 "$ROUNDS"); do
    line="round $round:"
    for name in $CASES; do
        run_case "$name"
        ratio=$(awk -v a="$BESIDE" -v b="$SOLO" 'BEGIN { printf "%.3f", a / b }')
        ratios[$name]="${ratios[$name]:-} $ratio"
        [[ $name == control ]] && control_ratio=$ratio
        if [[ -n ${control_ratio:-} ]]; then
            relative[$name]="${relative[$name]:-} $(awk -v a="$ratio" -v c="$control_ratio" 'BEGIN { printf "%.3f", a / c }')"
        fi
        line="$line $name $SOLO -> $BESIDE ($ratio);"
    done
    unset control_ratio
    say "$line"
done
say "$(printf '%-10s %-22s %s' case 'median ratio' 'median ratio / control ratio of its round (goal >= 0.9)')"
for name in $CASES; do
    say "$(printf '%-10s %-22s %s' "$name" "$(tr ' ' '\n' <<< "${ratios[$name]}" | grep . | median)" \
        "$(tr ' ' '\n' <<< "${relative[$name]:-}" | grep . | median)")"
done
