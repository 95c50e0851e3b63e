#!/usr/bin/env bash
# Every SDK's own unit tests, each in its ecosystem's runner, then the contract check and the
# conformance suite (all languages, one local stack). Toolchains: the root `npm ci` (Node 22,
# TypeScript), python3 with venv, Go and Maven with a JDK — .ci/run installs whichever is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== sdk/typescript"
(cd sdk/typescript && npm test)

echo "== sdk/python"
[ -x sdk/python/.venv/bin/python ] || python3 -m venv sdk/python/.venv
sdk/python/.venv/bin/pip install -q --disable-pip-version-check -e 'sdk/python[test]'
(cd sdk/python && .venv/bin/pytest -q)

echo "== sdk/go"
(cd sdk/go && go vet ./... && go test ./...)

echo "== sdk/java"
# Surefire's summary lines, not Maven's download log.
(cd sdk/java && mvn -B -ntp test 2>&1 | grep -E 'Tests run:|BUILD|ERROR|FAIL')

echo "== sdk/php"
(cd sdk/php && phpunit)

echo "== sdk/csharp"
# Mono's mcs and Debian's NUnit 2.6 console; build.sh also builds the conformance adapter.
(cd sdk/csharp && ./build.sh && nunit-console -nologo build/Payee.Sdk.Tests.dll -result=build/TestResult.xml)

echo "== sdk/cpp"
# One CMake build (library, GoogleTest binary, conformance adapter) reused by the conformance run.
(cd sdk/cpp && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null \
  && { cmake --build build -j "$(nproc)" >build/build.log 2>&1 || { tail -n 60 build/build.log; exit 1; }; } \
  && ctest --test-dir build --output-on-failure | tail -n 3)

echo "== sdk/ruby"
(cd sdk/ruby && rake test)

echo "== sdk/erlang"
# EUnit through rebar3; jiffy and OTP's applications come from Debian (no deps fetched).
(cd sdk/erlang && REBAR_COLOR=none rebar3 eunit 2>&1 | grep -E -v '^===> (Verifying|Analyzing|Compiling)')

echo "== contract"
npm run -s sdk:contract

echo "== conformance"
npm run -s sdk:conformance
