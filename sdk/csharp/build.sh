#!/bin/sh
# Builds the SDK, its NUnit tests and the conformance adapter with Mono's mcs into build/ (the
# Debian toolchain: mono-complete, libnewtonsoft-json-cil-dev, libnunit-cil-dev). Modern .NET
# builds src/Payee.Sdk/Payee.Sdk.csproj with `dotnet build` instead. Output goes to stderr, so the
# adapter's stdout carries only the protocol.
set -e
cd "$(dirname "$0")"
mkdir -p build
newtonsoft=$(ls /usr/lib/cli/Newtonsoft.Json-*/Newtonsoft.Json.dll | head -1)
nunit=$(ls /usr/lib/cli/nunit.framework-*/nunit.framework.dll | head -1)
cp "$newtonsoft" build/
refs="-r:System.Net.Http -r:System.Runtime.Serialization -r:build/Newtonsoft.Json.dll"
mcs -nologo -langversion:7.2 -warnaserror+ -nowarn:1591 -target:library -out:build/Payee.Sdk.dll $refs \
  -doc:build/Payee.Sdk.xml $(find src/Payee.Sdk -name '*.cs' | sort) 1>&2
mcs -nologo -langversion:7.2 -target:exe -out:build/Adapter.exe $refs -r:build/Payee.Sdk.dll conformance/Adapter.cs 1>&2
if [ -n "$nunit" ]; then
  cp "$nunit" build/
  mcs -nologo -langversion:7.2 -target:library -out:build/Payee.Sdk.Tests.dll $refs -r:build/Payee.Sdk.dll -r:build/nunit.framework.dll \
    $(find tests/Payee.Sdk.Tests -name '*.cs' | sort) 1>&2
fi
