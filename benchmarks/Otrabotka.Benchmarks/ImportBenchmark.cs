using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Benchmarks;

/// <summary>CSV import of N graduates on Azurite (registration, IIN index, reminder plan per row), then the same file again.</summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(int rows)
    {
        var services = ReminderRunBenchmark.Services();
        await services.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        var csv = new StringBuilder("iin,fullName,email,language,category,level,specialtyGroup,graduationDate,admissionYear,budgetCost,university\n");
        var random = new Random(7);
        var seen = new HashSet<string>();
        for (var made = 0; made < rows;)
        {
            var birth = new DateOnly(1998, 1, 1).AddDays(random.Next(0, 2000));
            var first11 = $"{birth:yyMMdd}{(birth.Year >= 2000 ? 5 : 3)}{random.Next(0, 10000):D4}";
            var check = TwelveDigit.CheckDigit(first11);
            if (check < 0 || !seen.Add(first11))
            {
                continue;
            }

            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{first11}{check},Graduate {made},g{made}@bench.example.kz,kk,state-order-other,bachelor,technical,2026-06-20,2022,2500000,University\n");
            made++;
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var operators = services.GetRequiredService<Operators>();
        foreach (var pass in new[] { "first import", "re-import (unchanged)" })
        {
            Console.WriteLine($"{pass}: {rows:N0} rows ({bytes.Length / 1024:N0} KiB)");
            var watch = Stopwatch.StartNew();
            var result = (await operators.ImportAsync(new MemoryStream(bytes), Language.En, CancellationToken.None)).Value!;
            watch.Stop();
            Console.WriteLine($"  created={result.Created} unchanged={result.Unchanged} errors={result.Errors.Count} wall={watch.Elapsed.TotalSeconds:N1}s ({rows / watch.Elapsed.TotalSeconds:N0} rows/s)");
            foreach (var group in result.Errors.GroupBy(e => e.Code))
            {
                Console.WriteLine($"  error {group.Key} × {group.Count()}: {group.First().Detail}");
            }
        }

        return 0;
    }
}
