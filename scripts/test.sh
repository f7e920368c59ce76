#!/usr/bin/env bash
# The whole test suite: every module's tests, both Wasm engines. Uses the committed guest modules, so no Wasm
# toolchain is needed (scripts/check-guests.sh checks they match their sources).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAVA_HOME="$(scripts/find-jdk.sh)"
export JAVA_HOME
echo "test.sh: JAVA_HOME=$JAVA_HOME" >&2
exec mvn -B -ntp verify "$@"
