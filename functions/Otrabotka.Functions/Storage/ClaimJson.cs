using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>A document's claim as JSON: the metadata graduates send, store and read back, one shape per kind.</summary>
public static class ClaimJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static string Write(IDocumentClaim claim) => JsonSerializer.Serialize(claim, claim.GetType(), Options);

    public static IDocumentClaim Read(DocumentKind kind, string json) => kind switch
    {
        DocumentKind.EmploymentConfirmation => Deserialize<EmploymentClaim>(json),
        DocumentKind.EmploymentEnd => Deserialize<EmploymentEndClaim>(json),
        DocumentKind.UnemploymentRegistration => Deserialize<UnemploymentClaim>(json),
        DocumentKind.ExemptionProof => Deserialize<ExemptionClaim>(json),
        DocumentKind.DeferralProof => Deserialize<DeferralClaim>(json),
    };

    /// <summary>The claim as a JSON element, for views that return the metadata as sent.</summary>
    public static JsonElement Element(IDocumentClaim claim)
    {
        using var document = JsonDocument.Parse(Write(claim));
        return document.RootElement.Clone();
    }

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("Stored metadata is empty.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(Json.Options);
        options.Converters.Add(new EmploymentClaimJson());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
