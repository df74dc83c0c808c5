using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>Reads a document kind's claim from the fields sent (its shape; its rules are checked at validation).</summary>
public static class ClaimFields
{
    public static (IDocumentClaim? Claim, IReadOnlyList<FieldError> Errors) Parse(DocumentKind kind, Fields fields)
    {
        IDocumentClaim claim = kind switch
        {
            DocumentKind.EmploymentConfirmation => Employment(fields),
            DocumentKind.EmploymentEnd => new EmploymentEndClaim(fields.Date("endDate"), fields.Optional("employmentDocumentId")),
            DocumentKind.ExemptionProof => Exemption(fields),
            DocumentKind.DeferralProof => new DeferralClaim(fields.Date("serviceStart"), fields.OptionalDate("serviceEnd")),
            DocumentKind.UnemploymentRegistration => new UnemploymentClaim(fields.Date("referralDate"), fields.Date("registeredFrom"), fields.OptionalDate("registeredTo")),
        };
        return fields.Errors.Count > 0 ? (null, fields.Errors) : (claim, []);
    }

    private static EmploymentClaim Employment(Fields fields)
    {
        var bin = fields.Required("employerBin", 12);
        var name = fields.Required("employerName", 300);
        var email = fields.Email("employerEmail");
        var (kind, kinds) = Kinds(fields);
        var workplace = new Workplace(kind, fields.Enum<Ownership>("ownership"), fields.Enum<Region>("region"), fields.Enum<SettlementType>("settlementType"), fields.Optional("katoCode"), kinds);
        var position = fields.Required("position", 200);
        return new EmploymentClaim(bin, workplace, fields.Date("startDate"), fields.OptionalDate("endDate"), name, email, position);
    }

    /// <summary>
    /// organisationKind (one) and organisationKinds (a list, optional): given both, the list must contain the
    /// one; given only the list, the one is its first. Both are stored.
    /// </summary>
    private static (OrganisationKind Kind, IReadOnlyList<OrganisationKind> Kinds) Kinds(Fields fields)
    {
        var list = fields.OptionalEnumList<OrganisationKind>("organisationKinds");
        if (list is not { Count: > 0 } || fields.Has("organisationKind"))
        {
            var kind = fields.Enum<OrganisationKind>("organisationKind");
            if (list is { Count: > 0 } && !list.Contains(kind))
            {
                fields.Add("organisationKinds", "organisation-kind-not-listed", new(
                    "'organisationKinds' тізімінде 'organisationKind' мәні болуы керек.",
                    "Список 'organisationKinds' должен содержать значение 'organisationKind'.",
                    "'organisationKinds' must contain the value of 'organisationKind'."));
            }

            return (kind, list is { Count: > 0 } ? list : [kind]);
        }

        return (list[0], list);
    }

    private static ExemptionClaim Exemption(Fields fields) => new(
        fields.Enum<ExemptionGround>("ground"), fields.Date("commissionDecisionDate"), fields.Optional("spouseLocality"), fields.OptionalInt("disabilityGroup", 1, 3),
        fields.OptionalEnum<Level>("studyLevel"), fields.OptionalDate("enrolmentDate"), fields.OptionalDate("pregnancyConfirmedOn"), fields.OptionalDate("childBirthDate"),
        fields.OptionalBool("stateOrder"));
}
