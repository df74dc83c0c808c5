using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Otrabotka.Benchmarks.DomainBenchmarks).Assembly).Run(args);
