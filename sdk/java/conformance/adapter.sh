#!/bin/sh
# The conformance adapter (sdk/CONTRIBUTING.md §3): compiles the SDK and writes its runtime
# classpath (offline once the dependencies were resolved), then runs Adapter.java. Maven's output
# goes to stderr: stdout carries the protocol.
set -e
cd "$(dirname "$0")/.."
mvn -q -B compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/adapter.classpath 1>&2
exec java -cp "target/classes:$(cat target/adapter.classpath)" conformance/Adapter.java
