#!/usr/bin/env bash
# The hostile suite: a wedge node in a process of its own, attacked by hostile guests on both engines (with a
# neighbour's throughput measured beside them), mutated module uploads, malformed HTTP on raw sockets and security
# probes; every case must get its defined answer, the node must survive and its memory stay bounded. Loopback only,
# bounded in count and time. `--quick` is the form CI runs (about 3 minutes); without it, the full suite whose
# figures are in docs/security.md.
#   scripts/hostile.sh [--quick]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAVA_HOME="$(scripts/find-jdk.sh)"
export JAVA_HOME
if [ ! -f verticles/target/wedge.jar ] || [ ! -f benchmarks/target/benchmarks.jar ] \
    || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer benchmarks/target/benchmarks.jar -type f -print -quit)" ]; then
    scripts/mvn.sh -B -ntp -q -Dstyle.color=never -DskipTests -pl verticles,benchmarks -am package
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
    dev.wedge.bench.hostile.HostileSuite "$@" verticles/target/wedge.jar
