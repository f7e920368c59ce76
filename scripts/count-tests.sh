#!/usr/bin/env bash
# Adds up the Surefire reports of every module into one closing line: "tests: N passed, N failed, N skipped"
# (failed counts failures and errors). Exits 1 when no test ran at all, so an empty run is never green.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

attribute() { # attribute NAME: the sum of NAME="N" over the reports' <testsuite> elements
    local total=0 n
    while read -r n; do total=$((total + n)); done < <(
        find . -path '*/target/surefire-reports/TEST-*.xml' -print0 \
            | xargs -0 -r grep -h -o -m1 "<testsuite [^>]*" \
            | grep -o " $1=\"[0-9]*\"" | tr -dc '0-9\n')
    echo "$total"
}

tests=$(attribute tests) failures=$(attribute failures) errors=$(attribute errors) skipped=$(attribute skipped)
failed=$((failures + errors))
echo "tests: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
[ "$tests" -gt 0 ] || { echo "no test ran" >&2; exit 1; }
