#!/usr/bin/env bash
# The whole test suite: every module's tests, both Wasm engines. Uses the committed guest modules, so no Wasm
# toolchain is needed (scripts/check-guests.sh checks they match their sources). Ends with the test count.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAVA_HOME="$(scripts/find-jdk.sh)"
export JAVA_HOME
echo "test.sh: JAVA_HOME=$JAVA_HOME" >&2
# The console's browser test drives Debian's chromium; installed here when missing, as the suite's own setup.
scripts/install-browser.sh
# The s3 templates' tests run s3proxy, an S3-compatible server, resolved here from Maven Central.
scripts/install-s3proxy.sh
# Reports of an earlier run would be counted again.
rm -rf ./*/target/surefire-reports
status=0
scripts/mvn.sh -B -ntp -fae -Dstyle.color=never verify "$@" || status=$?
echo # Maven may end without a newline; the count must stand alone on its line
scripts/count-tests.sh
exit "$status"
