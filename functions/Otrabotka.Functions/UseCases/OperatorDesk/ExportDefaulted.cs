using System.Globalization;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The defaulted obligations with the amounts owed, as CSV (UTF-8 with BOM, CRLF), streamed page by
/// page from the index's defaulted partition: memory stays one page whatever the number of rows.
/// </summary>
public sealed class ExportDefaulted(OperatorIndexReader index)
{
    public const int PageSize = 500;

    public static readonly IReadOnlyList<string> Columns = ["graduateId", "iin", "fullName", "category", "region", "university", "defaultAsOf", "amountOwed"];

    public static string FileName(DateOnly today) => $"defaulted-{today:yyyy-MM-dd}.csv";

    /// <summary>Writes the CSV to <paramref name="output"/>, flushing after each page; answers the number of rows written.</summary>
    public async Task<int> RunAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvCells.Line(Columns));
        var rows = 0;
        await foreach (var row in index.WithStatusAsync(ObligationStatus.Defaulted, PageSize, cancellationToken))
        {
            await writer.WriteAsync(CsvCells.Line(
            [
                row.GraduateId, row.Iin, row.FullName, Wire.Name(row.Category), row.Region is { } region ? Wire.Name(region) : "", row.University,
                row.DefaultAsOf is { } asOf ? GraduateStore.Iso(asOf) : "", row.DefaultAmount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
            ]));
            if (++rows % PageSize == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
        return rows;
    }
}
