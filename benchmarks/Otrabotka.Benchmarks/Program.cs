using BenchmarkDotNet.Running;

if (args is ["reminders", ..])
{
    var graduates = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
    var due = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
    return await Otrabotka.Benchmarks.ReminderRunBenchmark.RunAsync(graduates, due);
}

if (args is ["import", ..])
{
    return await Otrabotka.Benchmarks.ImportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
}

if (args is ["feed", ..])
{
    int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return await Otrabotka.Benchmarks.FeedBenchmark.RunAsync(Arg(1, 4_000), Arg(2, 3_600), Arg(3, 1_000));
}

if (args is ["operator-desk", ..])
{
    return await Otrabotka.Benchmarks.OperatorDeskBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
}

if (args is ["intake", var baseUrl, var levels, var hostPid])
{
    return await Otrabotka.Benchmarks.IntakeBenchmark.RunAsync(
        baseUrl,
        levels.Split(',').Select(level => int.Parse(level, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        int.Parse(hostPid, System.Globalization.CultureInfo.InvariantCulture));
}

if (args is ["faults", "burst", var burstBase, var seconds, var concurrency, var label])
{
    return await Otrabotka.Benchmarks.FaultSuite.BurstAsync(
        burstBase, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture), label);
}

if (args is ["faults", "twice", var twiceBase, var count])
{
    return await Otrabotka.Benchmarks.FaultSuite.TwiceAsync(twiceBase, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(Otrabotka.Benchmarks.DomainBenchmarks).Assembly).Run(args);
return 0;
