#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: $JAVA_HOME when it qualifies, else the newest under /usr/lib/jvm.
# Exits 1 with a message when there is none. Used by ./wedge, scripts/test.sh and .ci/run.
set -euo pipefail

java_major() { # the major version of the java binary $1, or 0
    "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }' || echo 0
}

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    echo "$JAVA_HOME"
    exit 0
fi
best="" best_major=0
for dir in /usr/lib/jvm/*; do
    [[ -x "$dir/bin/javac" ]] || continue
    major="$(java_major "$dir/bin/java")"
    if [[ "$major" -ge 21 && "$major" -gt "$best_major" ]]; then best="$dir" best_major="$major"; fi
done
if [[ -z "$best" ]]; then
    echo "no JDK 21 or newer found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
    exit 1
fi
echo "$best"
