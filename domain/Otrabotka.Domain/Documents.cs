namespace Otrabotka.Domain;

public enum DocumentKind
{
    /// <summary>Справка с места работы, трудовой договор, приказ о приёме: employment from a date.</summary>
    EmploymentConfirmation,
    /// <summary>Приказ о расторжении: the end date of a job.</summary>
    EmploymentEnd,
    /// <summary>Справка центра занятости: a job-seeker registration period after the commission's referral.</summary>
    UnemploymentRegistration,
    /// <summary>One ground of п.17-2, with the commission's decision.</summary>
    ExemptionProof,
    /// <summary>Compulsory military service: a deferral.</summary>
    DeferralProof,
}

public enum DocumentStatus
{
    Received,
    Validating,
    Rejected,
    AwaitingEmployer,
    AwaitingReview,
    Accepted,
    Withdrawn,
}

/// <summary>Who checks a document's content once the machine's checks pass.</summary>
public enum Checker
{
    /// <summary>Nobody: accepted when the machine's checks pass (e.g. employment-end).</summary>
    Machine,
    /// <summary>The employer confirms through a signed link.</summary>
    Employer,
    /// <summary>An operator of the Financial Center reviews it.</summary>
    Operator,
}

/// <summary>
/// The document status machine: received → validating → rejected | awaiting-employer | awaiting-review |
/// accepted; awaiting-* → accepted | rejected (an employer at a public mail service sends it to review);
/// withdrawn by the graduate before a decision; a rejected document may be contested once.
/// </summary>
public static class DocumentLifecycle
{
    public static Checker CheckerOf(DocumentKind kind) => kind switch
    {
        DocumentKind.EmploymentConfirmation => Checker.Employer,
        DocumentKind.EmploymentEnd => Checker.Machine,
        DocumentKind.UnemploymentRegistration or DocumentKind.ExemptionProof or DocumentKind.DeferralProof => Checker.Operator,
    };

    /// <summary>Where a document goes when the machine's checks pass.</summary>
    public static DocumentStatus AfterValidation(DocumentKind kind) => CheckerOf(kind) switch
    {
        Checker.Machine => DocumentStatus.Accepted,
        Checker.Employer => DocumentStatus.AwaitingEmployer,
        Checker.Operator => DocumentStatus.AwaitingReview,
    };

    /// <summary>Null when the move is legal; otherwise the reason it is refused.</summary>
    public static Reason? Check(DocumentStatus from, DocumentStatus to, bool contestedBefore)
    {
        var legal = (from, to) switch
        {
            (DocumentStatus.Received, DocumentStatus.Validating) => true,
            (DocumentStatus.Validating, DocumentStatus.Rejected or DocumentStatus.AwaitingEmployer or DocumentStatus.AwaitingReview or DocumentStatus.Accepted) => true,
            (DocumentStatus.AwaitingEmployer, DocumentStatus.Accepted or DocumentStatus.Rejected or DocumentStatus.AwaitingReview) => true,
            (DocumentStatus.AwaitingReview, DocumentStatus.Accepted or DocumentStatus.Rejected) => true,
            (DocumentStatus.Received or DocumentStatus.Validating or DocumentStatus.AwaitingEmployer or DocumentStatus.AwaitingReview, DocumentStatus.Withdrawn) => true,
            (DocumentStatus.Rejected, DocumentStatus.AwaitingReview) => true,
            _ => false,
        };
        if (!legal)
        {
            return DomainReasons.IllegalTransition;
        }

        return from == DocumentStatus.Rejected && contestedBefore ? DomainReasons.AlreadyContested : null;
    }
}

/// <summary>One entry of a document's history, kept forever. <see cref="ActorId"/>: the operator's subject, if any.</summary>
public sealed record StatusChange(DocumentStatus Status, DateTimeOffset At, string Actor, string? Reason, string? ActorId = null);

/// <summary>A document's status and history; it guards its own transitions.</summary>
public sealed class DocumentRecord
{
    private readonly List<StatusChange> history = [];

    public DocumentRecord(DocumentKind kind, DateTimeOffset receivedAt, string actor)
    {
        Kind = kind;
        Status = DocumentStatus.Received;
        history.Add(new StatusChange(DocumentStatus.Received, receivedAt, actor, null));
    }

    public DocumentKind Kind { get; }
    public DocumentStatus Status { get; private set; }
    public bool Contested { get; private set; }
    public IReadOnlyList<StatusChange> History => history;

    /// <summary>Moves the document, or refuses with the reason and leaves it as it was.</summary>
    public Reason? MoveTo(DocumentStatus to, DateTimeOffset at, string actor, string? reason) =>
        MoveTo(to, at, new Actor(ActorRole.System, actor), reason);

    public Reason? MoveTo(DocumentStatus to, DateTimeOffset at, Actor actor, string? reason)
    {
        if (DocumentLifecycle.Check(Status, to, Contested) is { } refused)
        {
            return refused;
        }

        if (Status == DocumentStatus.Rejected && to == DocumentStatus.AwaitingReview)
        {
            Contested = true;
        }

        Status = to;
        history.Add(new StatusChange(to, at, actor.Label, reason, actor.Id));
        return null;
    }

    /// <summary>Rebuilds a record from stored state (no checks: the history was checked when written).</summary>
    public static DocumentRecord Restore(DocumentKind kind, DocumentStatus status, bool contested, IEnumerable<StatusChange> history)
    {
        var changes = history.ToList();
        var record = new DocumentRecord(kind, changes.Count > 0 ? changes[0].At : default, changes.Count > 0 ? changes[0].Actor : "system")
        {
            Status = status,
            Contested = contested,
        };
        record.history.Clear();
        record.history.AddRange(changes);
        return record;
    }
}
