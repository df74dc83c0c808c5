#!/usr/bin/env bash
# Domain benchmarks (BenchmarkDotNet, short run): ledger over 50 periods, 1,000,000 eligibility checks.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
say "building benchmarks (Release)"
dotnet build benchmarks/Otrabotka.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
say "running domain benchmarks"
dotnet benchmarks/Otrabotka.Benchmarks/bin/Release/net10.0/Otrabotka.Benchmarks.dll --filter '*DomainBenchmarks*' --join "$@"
