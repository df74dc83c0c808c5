using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>An employment confirmation's metadata. OrganisationKinds (optional on the wire, always stored) lists every kind, OrganisationKind among them.</summary>
public sealed record EmploymentMeta(
    string EmployerBin, string EmployerName, string EmployerEmail, OrganisationKind OrganisationKind, Ownership Ownership,
    Region Region, SettlementType SettlementType, string? KatoCode, string Position, DateOnly StartDate, DateOnly? EndDate,
    IReadOnlyList<OrganisationKind>? OrganisationKinds = null)
{
    public Workplace Workplace => new(OrganisationKind, Ownership, Region, SettlementType, KatoCode, OrganisationKinds);

    /// <summary>Every kind, the single one first (metadata stored before organisationKinds existed has only the single one).</summary>
    public IReadOnlyList<OrganisationKind> AllKinds => Workplace.AllKinds;
}

public sealed record EmploymentEndMeta(DateOnly EndDate, string? EmploymentDocumentId);

public sealed record ExemptionMeta(
    ExemptionGround Ground, DateOnly CommissionDecisionDate, string? SpouseLocality, int? DisabilityGroup,
    Level? StudyLevel, DateOnly? EnrolmentDate, DateOnly? PregnancyConfirmedOn, DateOnly? ChildBirthDate, bool? StateOrder = null)
{
    public ExemptionClaim Claim => new(Ground, CommissionDecisionDate, SpouseLocality, DisabilityGroup, StudyLevel, EnrolmentDate, PregnancyConfirmedOn, ChildBirthDate, StateOrder);
}

public sealed record DeferralMeta(DateOnly ServiceStart, DateOnly? ServiceEnd);

public sealed record UnemploymentMeta(DateOnly ReferralDate, DateOnly RegisteredFrom, DateOnly? RegisteredTo);

/// <summary>Each document kind's metadata: its shape is checked when the document is submitted; its rules when it is validated.</summary>
public static class DocumentMetadata
{
    public static (string? Json, IReadOnlyList<FieldError> Errors) Parse(DocumentKind kind, Fields f)
    {
        object meta = kind switch
        {
            DocumentKind.EmploymentConfirmation => Employment(f),
            DocumentKind.EmploymentEnd => new EmploymentEndMeta(f.Date("endDate"), f.Optional("employmentDocumentId")),
            DocumentKind.ExemptionProof => new ExemptionMeta(
                f.Enum<ExemptionGround>("ground"), f.Date("commissionDecisionDate"), f.Optional("spouseLocality"), f.OptionalInt("disabilityGroup", 1, 3),
                f.OptionalEnum<Level>("studyLevel"), f.OptionalDate("enrolmentDate"), f.OptionalDate("pregnancyConfirmedOn"), f.OptionalDate("childBirthDate"), f.OptionalBool("stateOrder")),
            DocumentKind.DeferralProof => new DeferralMeta(f.Date("serviceStart"), f.OptionalDate("serviceEnd")),
            DocumentKind.UnemploymentRegistration => new UnemploymentMeta(f.Date("referralDate"), f.Date("registeredFrom"), f.OptionalDate("registeredTo")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return f.Errors.Count > 0 ? (null, f.Errors) : (JsonSerializer.Serialize(meta, meta.GetType(), Json.Options), []);
    }

    private static EmploymentMeta Employment(Fields f)
    {
        var bin = f.Required("employerBin", 12);
        var name = f.Required("employerName", 300);
        var email = f.Email("employerEmail");
        var (kind, kinds) = Kinds(f);
        return new EmploymentMeta(
            bin, name, email, kind, f.Enum<Ownership>("ownership"), f.Enum<Region>("region"), f.Enum<SettlementType>("settlementType"),
            f.Optional("katoCode"), f.Required("position", 200), f.Date("startDate"), f.OptionalDate("endDate"), kinds);
    }

    /// <summary>
    /// organisationKind (one) and organisationKinds (a list, optional): given both, the list must contain the
    /// one; given only the list, the one is its first. Both are stored.
    /// </summary>
    private static (OrganisationKind Kind, IReadOnlyList<OrganisationKind> Kinds) Kinds(Fields f)
    {
        var list = f.OptionalEnumList<OrganisationKind>("organisationKinds");
        if (list is not { Count: > 0 } || f.Has("organisationKind"))
        {
            var kind = f.Enum<OrganisationKind>("organisationKind");
            if (list is { Count: > 0 } && !list.Contains(kind))
            {
                f.Add("organisationKinds", "organisation-kind-not-listed", new(
                    "'organisationKinds' тізімінде 'organisationKind' мәні болуы керек.",
                    "Список 'organisationKinds' должен содержать значение 'organisationKind'.",
                    "'organisationKinds' must contain the value of 'organisationKind'."));
            }

            return (kind, list is { Count: > 0 } ? list : [kind]);
        }

        return (list[0], list);
    }

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json.Options) ?? throw new InvalidDataException("Stored metadata is empty.");
}
