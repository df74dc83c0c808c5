using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Corrections of a graduate's registration, in the graduate's own partition (RowKey <c>corr|</c> + newest
/// first), so a correction commits in the same transaction as the profile it changes. Append-only.
/// </summary>
public sealed class GraduateCorrections(StorageClients storage)
{
    public const string Prefix = "corr|";
    public const int Shown = 50;

    public static TableTransactionAction Add(string graduateId, CorrectionView correction)
    {
        var key = Prefix + (DateTimeOffset.MaxValue.UtcTicks - correction.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + correction.CorrectionId;
        return new(TableTransactionActionType.Add, new TableEntity(graduateId, key)
        {
            ["CorrectionId"] = correction.CorrectionId,
            ["At"] = correction.At,
            ["Actor"] = correction.Actor,
            ["ActorId"] = correction.ActorId,
            ["Reason"] = correction.Reason,
            ["Changes"] = JsonSerializer.Serialize(correction.Changes, Json.Options),
            ["ObligationChanged"] = correction.ObligationChanged,
        });
    }

    public async Task<IReadOnlyList<CorrectionView>> NewestAsync(string graduateId, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq {OperatorIndexReader.Literal(graduateId)} and RowKey ge '{Prefix}' and RowKey lt 'corr}}'";
        var list = new List<CorrectionView>();
        await foreach (var e in storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>(filter, maxPerPage: Shown, cancellationToken: cancellationToken))
        {
            list.Add(new CorrectionView(
                e.GetString("CorrectionId") ?? "", e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "operator", e.GetString("ActorId") ?? "",
                e.GetString("Reason") ?? "", JsonSerializer.Deserialize<List<FieldChange>>(e.GetString("Changes") ?? "[]", Json.Options) ?? [], e.GetBoolean("ObligationChanged") ?? false));
            if (list.Count == Shown)
            {
                break;
            }
        }

        return list;
    }
}
