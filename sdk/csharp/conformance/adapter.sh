#!/bin/sh
# The conformance adapter (sdk/CONTRIBUTING.md §3): builds the SDK and the adapter with Mono
# (build.sh; its output goes to stderr, stdout carries the protocol), then runs a copy of that
# build, this process's own: a build meanwhile (the unit tests) rewrites build/ under it.
set -e
cd "$(dirname "$0")/.."
./build.sh
run="build/adapter-$$"
mkdir -p "$run"
cp build/Adapter.exe build/Payee.Sdk.dll build/Newtonsoft.Json.dll "$run/"
status=0
mono "$run/Adapter.exe" || status=$?
rm -rf "$run"
exit $status
