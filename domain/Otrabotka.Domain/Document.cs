namespace Otrabotka.Domain;

/// <summary>
/// A graduate's document: its kind's claim, its status machine and history. It decides its own moves —
/// an illegal one is refused with the reason and changes nothing — and says which messages each move
/// causes (<see cref="Notices"/>). What it gained since it was loaded (<see cref="NewHistory"/>, notices)
/// is what the repository commits with it.
/// </summary>
public sealed class Document
{
    private readonly List<StatusChange> added = [];
    private readonly List<DocumentNotice> notices = [];
    private DocumentState state;

    private Document(DocumentState state, bool isNew)
    {
        this.state = state;
        IsNew = isNew;
        LoadedStatus = isNew ? null : state.Status;
    }

    public string Id => state.Id;
    public IDocumentClaim Claim => state.Claim;
    public DocumentKind Kind => state.Claim.Kind;
    public DocumentStatus Status => state.Status;
    public bool Contested => state.Contested;
    public DateTimeOffset ReceivedAt => state.ReceivedAt;
    public DateTimeOffset UpdatedAt => state.UpdatedAt;
    public DocumentFile File => state.File;
    public IReadOnlyList<Reason> Reasons => state.Reasons;
    public IReadOnlyList<Reason> Warnings => state.Warnings;
    public EmployerLink? Link => state.Link;

    /// <summary>The note of whoever rejected the document, shown to the graduate while it stays rejected.</summary>
    public string? Note => state.Note;

    public ActorRole? NoteBy => state.NoteBy;
    public DocumentState State => state;

    /// <summary>The status it had when loaded (null for a document received in this unit of work).</summary>
    public DocumentStatus? LoadedStatus { get; }

    /// <summary>Received in this unit of work (not stored yet).</summary>
    public bool IsNew { get; }

    /// <summary>Anything to store: a new document, a move, or a new employer link.</summary>
    public bool Changed { get; private set; }

    public IReadOnlyList<StatusChange> NewHistory => added;
    public IReadOnlyList<DocumentNotice> Notices => notices;

    public static Document Restore(DocumentState state) => new(state, isNew: false);

    /// <summary>A document as submitted: received, its receipt to be told to the graduate.</summary>
    public static Document Receive(string id, IDocumentClaim claim, DateTimeOffset at, Actor actor)
    {
        var document = New(id, claim, at, actor, null);
        document.notices.AddRange(DocumentNotices.For(DocumentStatus.Received, []));
        return document;
    }

    /// <summary>A decision on paper an operator files (a commission's exemption): received and accepted at once.</summary>
    public static Document FileDecided(string id, IDocumentClaim claim, DateTimeOffset at, Actor actor, string reason)
    {
        var document = New(id, claim, at, actor, reason);
        document.Move(DocumentStatus.Validating, at, actor, null);
        document.Move(DocumentStatus.Accepted, at, actor, reason);
        return document;
    }

    /// <summary>The outcome of validation: rejected with reasons, or on to its checker (employer, operator, or accepted).</summary>
    public Reason? Validate(DocumentValidation validation, DateTimeOffset at, Actor actor)
    {
        if (Status != DocumentStatus.Received)
        {
            return DomainReasons.IllegalTransition;
        }

        var reasons = validation.AllReasons;
        var to = validation.Rejected ? DocumentStatus.Rejected : FileSafetyRules.Gate(DocumentLifecycle.AfterValidation(Kind), validation.Safety);
        to = to == DocumentStatus.AwaitingEmployer && validation.NeedsReview ? DocumentStatus.AwaitingReview : to;
        var codes = validation.Rejected ? string.Join(",", reasons.Select(r => r.Code)) : null;
        Move(DocumentStatus.Validating, at, actor, null);
        state = state with
        {
            File = validation.File,
            Reasons = reasons,
            Warnings = validation.Warnings,
            Link = to == DocumentStatus.AwaitingEmployer ? Link?.Reissued(at) : Link,
        };
        return Move(to, at, actor, codes, reasons.Select(r => r.Message).ToList());
    }

    /// <summary>
    /// The employer's answer through the link (used once). A confirmation from a public mail service cannot
    /// stand alone: it sends the document to an operator's review; nor can a confirmed file not known clean.
    /// </summary>
    public Reason? DecideByEmployer(EmployerAnswer answer, DateTimeOffset at)
    {
        var asked = !answer.Confirm ? DocumentStatus.Rejected : answer.PublicMail ? DocumentStatus.AwaitingReview : DocumentStatus.Accepted;
        var safety = asked == DocumentStatus.Accepted ? answer.Safety : FileSafety.Clean;
        var to = FileSafetyRules.Gate(asked, safety);
        Reason? rejection = safety == FileSafety.Malicious ? FileSafetyRules.Malicious : answer.Confirm ? null : EmployerDeclined;
        var refused = Move(to, at, Actor.Employer, answer.HistoryNote, rejection is null ? [] : [rejection.Message], answer.Confirm ? null : answer.Note);
        if (refused is null)
        {
            state = state with { Link = Link! with { Used = true }, Reasons = rejection is null ? Reasons : [rejection] };
        }

        return refused;
    }

    /// <summary>
    /// An operator's review decision. Approval needs a file known clean; a rejection gives the graduate the
    /// operator's reason and note.
    /// </summary>
    public Reason? Review(ReviewDecision decision, DateTimeOffset at, Actor actor)
    {
        if (decision.Approve && FileSafetyRules.RefusesApproval(decision.Safety) is { } unsafeFile)
        {
            return unsafeFile;
        }

        var refused = Move(decision.Approve ? DocumentStatus.Accepted : DocumentStatus.Rejected, at, actor, decision.HistoryNote,
            decision.Rejection is { } reason ? [reason.Message] : [], decision.Approve ? null : decision.Note);
        if (refused is null && decision.Rejection is { } rejection)
        {
            state = state with { Reasons = [rejection] };
        }

        return refused;
    }

    /// <summary>The file was moved to quarantine (a malicious verdict): where it now lies.</summary>
    public void Quarantine(string location)
    {
        state = state with { File = File with { Location = location } };
        Changed = true;
    }

    public Reason? Withdraw(DateTimeOffset at) => Move(DocumentStatus.Withdrawn, at, Actor.Graduate, null);

    /// <summary>A rejected document contested (once) goes to an operator.</summary>
    public Reason? Contest(DateTimeOffset at, string note) => Move(DocumentStatus.AwaitingReview, at, Actor.Graduate, note);

    /// <summary>A new employer link (the old one stops working), mailed to the employer again.</summary>
    public Reason? ReissueLink(DateTimeOffset at)
    {
        if (Status != DocumentStatus.AwaitingEmployer || Link is null)
        {
            return DomainReasons.IllegalTransition;
        }

        state = state with { Link = Link.Reissued(at), UpdatedAt = at };
        notices.Add(new DocumentNotice(NoticeKind.EmployerRequest, Recipient.Employer, []));
        Changed = true;
        return null;
    }

    public static readonly Reason EmployerDeclined = new("employer-declined",
        new("Жұмыс беруші жұмысқа қабылдауды растамады.", "Работодатель не подтвердил трудоустройство.", "The employer did not confirm the employment."));

    private static Document New(string id, IDocumentClaim claim, DateTimeOffset at, Actor actor, string? reason)
    {
        var link = claim is EmploymentClaim job ? new EmployerLink(job.EmployerEmail, 0, null, false) : null;
        var document = new Document(new DocumentState(id, claim, DocumentStatus.Received, false, at, at, 0, actor.Label, DocumentFile.None, [], [], link), isNew: true);
        document.Record(DocumentStatus.Received, at, actor, reason);
        return document;
    }

    private Reason? Move(DocumentStatus to, DateTimeOffset at, Actor actor, string? reason, IReadOnlyList<Text>? rejection = null, string? note = null)
    {
        if (DocumentLifecycle.Check(Status, to, Contested) is { } refused)
        {
            return refused;
        }

        var contests = Status == DocumentStatus.Rejected && to == DocumentStatus.AwaitingReview;
        var kept = to == DocumentStatus.Rejected && !string.IsNullOrWhiteSpace(note);
        state = state with { Status = to, Contested = Contested || contests, UpdatedAt = at, Note = kept ? note : null, NoteBy = kept ? actor.Role : null };
        Record(to, at, actor, reason);
        var caused = DocumentNotices.For(to, rejection ?? []).Select(notice => notice with { By = actor.Role, Note = note }).ToList();
        var merged = DocumentNotices.Merge(notices, caused);
        notices.Clear();
        notices.AddRange(merged);
        return null;
    }

    private void Record(DocumentStatus status, DateTimeOffset at, Actor actor, string? reason)
    {
        added.Add(new StatusChange(status, at, actor.Label, reason, actor.Id));
        state = state with { HistoryCount = state.HistoryCount + 1 };
        Changed = true;
    }
}
