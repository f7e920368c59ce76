#!/usr/bin/env bash
# Resolves what the s3 templates' tests (verticles S3TemplatesTest) run on loopback: s3proxy 4.1.0, an
# S3-compatible server (Apache-2.0), from Maven Central through the project's Maven, with Jackson pinned
# (scripts/s3proxy/pom.xml says why). Writes its classpath to scripts/s3proxy/target/classpath.txt; the test
# starts `java -cp THAT org.gaul.s3proxy.Main` itself on a free port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/s3proxy"
if [ ! -s target/classpath.txt ]; then
    echo "resolving s3proxy 4.1.0 for the s3 template tests (scripts/s3proxy/pom.xml)..." >&2
    ../mvn.sh -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
fi
echo "s3proxy: $(tr ':' '\n' <target/classpath.txt | grep -c .) jars on its classpath" >&2
