#!/bin/sh
# The conformance adapter (sdk/CONTRIBUTING.md §3): compiles the SDK with rebar3 (its output goes
# to stderr: stdout carries the protocol), then runs the adapter on a copy of that build, this
# process's own: a build meanwhile (the unit tests) rewrites _build under it.
set -e
cd "$(dirname "$0")/.."
rebar3 compile </dev/null 1>&2
run="_build/adapter-$$"
mkdir -p "$run"
cp -r _build/default/lib/payee/ebin "$run/ebin"
status=0
escript conformance/adapter.escript "$run/ebin" || status=$?
rm -rf "$run"
exit $status
