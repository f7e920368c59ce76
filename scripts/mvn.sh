#!/usr/bin/env bash
# Runs Maven with the given arguments: the machine's `mvn` when there is one, else the repo's Maven wrapper
# (./mvnw, which fetches the Maven version named in .mvn/wrapper/maven-wrapper.properties once). Used by ./wedge,
# scripts/test.sh and .ci/run, so a machine with only a JDK can build and test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if command -v mvn >/dev/null; then
    exec mvn "$@"
fi
exec "$ROOT/mvnw" "$@"
