#!/usr/bin/env bash
# The whole test suite: every module's tests, both Wasm engines. Uses the committed guest modules, so no Wasm
# toolchain is needed (scripts/check-guests.sh checks they match their sources).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'; }
if [[ -z "${JAVA_HOME:-}" || "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]]; then
    for dir in /usr/lib/jvm/*; do
        if [[ -x "$dir/bin/javac" && "$(java_major "$dir/bin/java")" -ge 21 ]]; then export JAVA_HOME="$dir"; fi
    done
fi
[[ -n "${JAVA_HOME:-}" ]] || { echo "test.sh: no JDK 21 or newer found" >&2; exit 1; }
echo "test.sh: JAVA_HOME=$JAVA_HOME" >&2
exec mvn -B -ntp verify "$@"
