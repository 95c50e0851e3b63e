#!/bin/sh
# The conformance adapter (sdk/CONTRIBUTING.md §3): brings the build up to date (a no-op after
# sdk/test.sh built it), then runs it. The build's output goes to stderr: stdout carries the protocol.
set -e
cd "$(dirname "$0")/.."
[ -f build/CMakeCache.txt ] || cmake -S . -B build 1>&2
cmake --build build --target payee-conformance 1>&2
exec build/payee-conformance
