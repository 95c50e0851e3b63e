#!/bin/sh
# The conformance adapter (sdk/CONTRIBUTING.md §3): compiles the SDK and writes its runtime
# classpath (offline once the dependencies were resolved), then runs Adapter.java. Maven's output
# goes to stderr: stdout carries the protocol.
set -e
cd "$(dirname "$0")/.."
mvn -q -B compile dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/adapter.classpath 1>&2
# The JVM runs a jar of this build, not target/classes: a build meanwhile (mvn test) rewrites those
# under it. The jar is this process's own and goes when the adapter ends (at EOF on stdin).
jar="target/adapter-$$.jar"
jar cf "$jar" -C target/classes .
status=0
java -cp "$jar:$(cat target/adapter.classpath)" conformance/Adapter.java || status=$?
rm -f "$jar"
exit $status
