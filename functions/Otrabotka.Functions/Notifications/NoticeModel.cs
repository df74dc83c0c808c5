using System.Globalization;
using System.Net;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Notifications;

/// <summary>What a message may say: only the personal data each message needs.</summary>
public sealed record NoticeModel(
    string? GraduateName = null,
    DocumentKind? Document = null,
    IReadOnlyList<Text>? Reasons = null,
    string? Link = null,
    string? EmployerName = null,
    string? Position = null,
    DateOnly? Date = null,
    decimal? Amount = null,
    decimal? BudgetCost = null,
    int? RequiredDays = null,
    int? CreditedDays = null)
{
    /// <summary>From the IIN's 7th digit; chooses «Уважаемый»/«Уважаемая» (unknown: «Здравствуйте»).</summary>
    public Sex? GraduateSex { get; init; }

    /// <summary>The operator's free note on a rejection, shown on its own labelled line as typed.</summary>
    public string? OperatorNote { get; init; }

    /// <summary>The employer's free note on a refusal, shown on its own labelled line as typed.</summary>
    public string? EmployerNote { get; init; }

    /// <summary>A rejection by the employer: the next step is to talk to them or upload another document.</summary>
    public bool ByEmployer { get; init; }

    /// <summary>False once the graduate has used the one contest: the letter then does not offer it.</summary>
    public bool CanContest { get; init; } = true;

    /// <summary>How many days an employer link stays valid (settings).</summary>
    public int? LinkDays { get; init; }

    /// <summary>The graduate's rule: days without confirmed work before the at-risk notice.</summary>
    public int? AtRiskGapDays { get; init; }

    /// <summary>The graduate's rule: months between re-confirmations of employment.</summary>
    public int? ReconfirmationMonths { get; init; }

    /// <summary>The sex an IIN records (7th digit), or null for a value that is not a valid IIN.</summary>
    public static Sex? SexOf(string? iin) => Iin.Parse(iin) is { IsValid: true } parsed ? parsed.Value.Sex : null;
}
