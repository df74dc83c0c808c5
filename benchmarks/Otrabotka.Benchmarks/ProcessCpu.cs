using System.Globalization;

namespace Otrabotka.Benchmarks;

/// <summary>A process's CPU time so far (user + system, from /proc), zero when it is unknown or gone.</summary>
public static class ProcessCpu
{
    public static TimeSpan Of(string? pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (string.IsNullOrEmpty(pid) || !File.Exists(stat))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Azurite's CPU time (the script passes its pid as BENCH_AZURITE_PID).</summary>
    public static TimeSpan Azurite() => Of(Environment.GetEnvironmentVariable("BENCH_AZURITE_PID"));
}
