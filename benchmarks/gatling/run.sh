#!/usr/bin/env bash
# Runs the Gatling simulations (benchmarks/src/test/java/dev/wedge/bench/gatling/EdgeSimulation.java) against the
# demo node: hello, echo with a 1 KiB body, KV write+read, queue publish. Starts `wedge serve` on 127.0.0.1:8080,
# runs each scenario at RATE users/s for SECONDS (after a 5 s ramp), stops the node, and keeps each run's raw
# simulation.log in benchmarks/results/gatling/SCENARIO/ with a one-line summary per scenario in
# benchmarks/results/gatling/summary.txt. The HTML reports (the same scripts and styles in every one) stay out of
# the repo, in benchmarks/target/gatling-reports/SCENARIO/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

RATE=${RATE:-200} SECONDS_=${SECONDS:-20} SCENARIOS=${SCENARIOS:-"hello echo kv orders"}
export JAVA_HOME="$(scripts/find-jdk.sh)"
OUT=benchmarks/results/gatling
REPORTS=benchmarks/target/gatling-reports
scripts/mvn.sh -B -ntp -q -DskipTests install
mkdir -p "$OUT"

./wedge serve > /tmp/gatling-node.log 2>&1 &
node=$!
trap 'kill $node 2>/dev/null || true; wait $node 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
    curl -fs -o /dev/null http://127.0.0.1:8080/hello && break
    kill -0 $node 2>/dev/null || { echo "the node did not start: /tmp/gatling-node.log" >&2; exit 1; }
    sleep 0.2
done

# One line from Gatling's console summary: request count, throughput, p50, p99, failures (KO).
summarize() {
    awk -F'|' -v s="$1" '
        function trim(x) { gsub(/^[ \t]+|[ \t]+$/, "", x); return x }
        /^> request count/ { count = trim($2); ko = trim($4) == "-" ? 0 : trim($4) }
        /^> mean throughput/ { rate = trim($2) }
        /^> response time 50th/ { p50 = trim($2) }
        /^> response time 99th/ { p99 = trim($2) }
        END { printf "%-7s %8s requests  %7s req/s  p50 %3s ms  p99 %3s ms  KO %s\n", s, count, rate, p50, p99, ko }
    ' "$2"
}

: > "$OUT/summary.txt"
for scenario in $SCENARIOS; do
    rm -rf benchmarks/target/gatling
    log="/tmp/gatling-$scenario.log"
    scripts/mvn.sh -B -ntp -pl benchmarks gatling:test -Dscenario="$scenario" -Drate="$RATE" -Dseconds="$SECONDS_" > "$log" 2>&1 \
        || echo "$scenario: assertions failed (see $log)" >&2
    rm -rf "${OUT:?}/$scenario" "${REPORTS:?}/$scenario"
    mkdir -p "$OUT/$scenario" "$REPORTS"
    cp -r benchmarks/target/gatling/edgesimulation-* "$REPORTS/$scenario"
    cp "$REPORTS/$scenario/simulation.log" "$OUT/$scenario/"
    summarize "$scenario" "$log" | tee -a "$OUT/summary.txt"
done
