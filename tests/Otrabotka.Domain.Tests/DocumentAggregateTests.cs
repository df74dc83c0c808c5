using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

/// <summary>The document aggregate: its moves, the messages each move causes, and the ledger inputs it gives.</summary>
public sealed class DocumentAggregateTests
{
    private static readonly DateTimeOffset At = new(2025, 9, 10, 6, 0, 0, TimeSpan.Zero);

    private static EmploymentClaim Job(string start, string email = "hr@employer.kz") =>
        new("140540012345", new Workplace(OrganisationKind.Other, Ownership.Private, Region.Astana, SettlementType.City), D(start), null, "ТОО", email, "инженер");

    private static Document Accepted(string id, IDocumentClaim claim, DateTimeOffset receivedAt) =>
        Document.FileDecided(id, claim, receivedAt, Actor.Operator("op"), "test");

    private static DocumentValidation Clean => new(new DocumentFile("documents/g/d", "sha", "etag", null), [], []);

    [Fact]
    public void A_received_document_tells_the_graduate_and_records_who_sent_it()
    {
        var document = Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate);
        Assert.Equal(DocumentStatus.Received, document.Status);
        Assert.True(document.IsNew && document.Changed);
        Assert.Equal(NoticeKind.Received, Assert.Single(document.Notices).Kind);
        Assert.Equal("graduate", Assert.Single(document.NewHistory).Actor);
        Assert.Equal("hr@employer.kz", document.Link!.Email);
    }

    [Fact]
    public void A_valid_employment_goes_to_its_employer_with_a_new_link_and_two_messages()
    {
        var document = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        Assert.Null(document.Validate(Clean, At, Actor.System("upload")));
        Assert.Equal(DocumentStatus.AwaitingEmployer, document.Status);
        Assert.Equal([DocumentStatus.Validating, DocumentStatus.AwaitingEmployer], document.NewHistory.Select(h => h.Status));
        Assert.Equal(1, document.Link!.Version);
        Assert.Equal(At, document.Link.IssuedAt);
        Assert.Equal([(NoticeKind.AwaitingEmployer, Recipient.Graduate), (NoticeKind.EmployerRequest, Recipient.Employer)], document.Notices.Select(n => (n.Kind, n.To)));
        Assert.Equal(3, document.State.HistoryCount);
    }

    [Fact]
    public void A_document_received_and_decided_at_once_tells_the_graduate_once_and_the_employer_once()
    {
        var valid = Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate);
        Assert.Null(valid.Validate(Clean, At, Actor.System("upload")));
        Assert.Equal([(NoticeKind.AwaitingEmployer, Recipient.Graduate), (NoticeKind.EmployerRequest, Recipient.Employer)], valid.Notices.Select(n => (n.Kind, n.To)));
        Assert.Null(valid.LoadedStatus);

        var reason = new Reason("file-empty", new Text("бос", "пусто", "empty"));
        var invalid = Document.Receive("d2", Job("2025-09-01"), At, Actor.Graduate);
        Assert.Null(invalid.Validate(new DocumentValidation(DocumentFile.None, [reason], []), At, Actor.System("upload")));
        Assert.Equal(NoticeKind.Rejected, Assert.Single(invalid.Notices).Kind);
        Assert.Equal(DocumentStatus.Received, Document.Restore(invalid.State with { Status = DocumentStatus.Received }).LoadedStatus);
    }

    [Fact]
    public void A_rejection_carries_its_reasons_and_codes_into_history_and_the_message()
    {
        var document = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        var reason = DomainReasons.EndBeforeStart;
        document.Validate(Clean with { Reasons = [reason] }, At, Actor.System("blob-trigger"));
        Assert.Equal(DocumentStatus.Rejected, document.Status);
        Assert.Equal(reason.Code, document.NewHistory[^1].Reason);
        Assert.Equal(reason.Message, Assert.Single(Assert.Single(document.Notices).Reasons));
    }

    [Fact]
    public void Validation_of_a_decided_document_is_refused_and_changes_nothing()
    {
        var document = Document.Restore(Accepted("d1", Job("2025-09-01"), At).State);
        Assert.Equal("illegal-transition", document.Validate(Clean, At, Actor.System("sweep"))?.Code);
        Assert.False(document.Changed);
        Assert.Empty(document.Notices);
    }

    [Theory]
    [InlineData(true, false, DocumentStatus.Accepted, NoticeKind.Accepted)]
    [InlineData(true, true, DocumentStatus.AwaitingReview, NoticeKind.InReview)]
    [InlineData(false, false, DocumentStatus.Rejected, NoticeKind.Rejected)]
    public void An_employers_answer_uses_the_link_once_and_a_public_mail_confirmation_goes_to_review(bool confirm, bool publicMail, DocumentStatus expected, NoticeKind notice)
    {
        var document = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        document.Validate(Clean, At, Actor.System("upload"));
        var waiting = Document.Restore(document.State);
        Assert.Null(waiting.DecideByEmployer(new EmployerAnswer(confirm, publicMail, FileSafety.Clean, "note", null), At));
        Assert.Equal(expected, waiting.Status);
        Assert.True(waiting.Link!.Used);
        Assert.Equal(notice, Assert.Single(waiting.Notices).Kind);
        Assert.Equal("employer", waiting.NewHistory[^1].Actor);
    }

    [Theory]
    [InlineData(FileSafety.Clean, DocumentStatus.Accepted)]
    [InlineData(FileSafety.Unscanned, DocumentStatus.AwaitingReview)]
    [InlineData(FileSafety.Malicious, DocumentStatus.Rejected)]
    public void Only_a_clean_file_is_accepted_without_a_person(FileSafety safety, DocumentStatus expected)
    {
        var document = Document.Restore(Document.Receive("d1", new EmploymentEndClaim(D("2025-12-31"), null), At, Actor.Graduate).State);
        Assert.Equal(DocumentStatus.Accepted, DocumentLifecycle.AfterValidation(DocumentKind.EmploymentEnd));
        document.Validate(Clean with { Safety = safety }, At, Actor.System("upload"));
        Assert.Equal(expected, document.Status);
        Assert.Equal(safety == FileSafety.Malicious, document.Reasons.Any(r => r.Code == FileSafetyRules.Malicious.Code));
    }

    [Theory]
    [InlineData(FileSafety.Unscanned, DocumentStatus.AwaitingReview)]
    [InlineData(FileSafety.Malicious, DocumentStatus.Rejected)]
    public void An_employers_confirmation_of_a_file_not_known_clean_does_not_accept_it(FileSafety safety, DocumentStatus expected)
    {
        var document = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        document.Validate(Clean, At, Actor.System("upload"));
        var waiting = Document.Restore(document.State);
        Assert.Null(waiting.DecideByEmployer(new EmployerAnswer(true, false, safety, "employer confirmed", null), At));
        Assert.Equal(expected, waiting.Status);
    }

    [Fact]
    public void An_employers_refusal_tells_the_graduate_the_employers_own_note()
    {
        var document = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        document.Validate(Clean, At, Actor.System("upload"));
        var waiting = Document.Restore(document.State);
        Assert.Null(waiting.DecideByEmployer(new EmployerAnswer(false, false, FileSafety.Clean, "employer declined", "not our employee"), At));
        var notice = Assert.Single(waiting.Notices);
        Assert.Equal((NoticeKind.Rejected, ActorRole.Employer, "not our employee"), (notice.Kind, notice.By, notice.Note));
        Assert.Equal(Document.EmployerDeclined.Code, Assert.Single(waiting.Reasons).Code);
    }

    [Theory]
    [InlineData(FileSafety.Unscanned, "file-not-scanned")]
    [InlineData(FileSafety.Malicious, "file-malicious")]
    public void A_reviewer_cannot_approve_a_file_not_known_clean(FileSafety safety, string code)
    {
        var document = Document.Restore(Document.Receive("d1", new DeferralClaim(D("2025-10-01"), null), At, Actor.Graduate).State);
        document.Validate(Clean, At, Actor.System("upload"));
        var review = Document.Restore(document.State);
        Assert.Equal(code, review.Review(new ReviewDecision(true, safety, null, null, null), At, Actor.Operator("op"))?.Code);
        Assert.Equal(DocumentStatus.AwaitingReview, review.Status);
        Assert.Empty(review.Notices);
    }

    [Fact]
    public void An_operators_decision_records_the_operator_subject()
    {
        var document = Document.Restore(Document.Receive("d1", new DeferralClaim(D("2025-10-01"), null), At, Actor.Graduate).State);
        document.Validate(Clean, At, Actor.System("upload"));
        var review = Document.Restore(document.State);
        Assert.Null(review.Review(new ReviewDecision(false, FileSafety.Clean, "dates: x", new Reason("dates-mismatch", new Text("x", "x", "x")), "x"), At, Actor.Operator("operator-7")));
        Assert.Equal(("operator", "operator-7"), (review.NewHistory[^1].Actor, review.NewHistory[^1].ActorId));
        Assert.Equal(NoticeKind.Rejected, Assert.Single(review.Notices).Kind);
    }

    [Fact]
    public void A_reissued_link_gets_a_new_version_and_is_mailed_to_the_employer_only_while_awaiting_the_employer()
    {
        var document = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        Assert.Equal("illegal-transition", document.ReissueLink(At)?.Code);
        document.Validate(Clean, At, Actor.System("upload"));
        var waiting = Document.Restore(document.State);
        Assert.Null(waiting.ReissueLink(At.AddDays(1)));
        Assert.Equal(2, waiting.Link!.Version);
        Assert.Equal((NoticeKind.EmployerRequest, Recipient.Employer), (Assert.Single(waiting.Notices).Kind, waiting.Notices[0].To));
    }

    [Fact]
    public void Every_status_says_which_messages_arriving_in_it_causes()
    {
        foreach (var status in Enum.GetValues<DocumentStatus>())
        {
            var notices = DocumentNotices.For(status, []);
            Assert.True(status is DocumentStatus.Validating or DocumentStatus.Withdrawn ? notices.Count == 0 : notices.Count > 0, status.ToString());
        }
    }

    [Fact]
    public void Every_kind_has_a_checker_and_every_kind_is_checked_by_its_own_rules()
    {
        var terms = Terms();
        var claims = new Dictionary<DocumentKind, IDocumentClaim>
        {
            [DocumentKind.EmploymentConfirmation] = Job("2099-01-01"),
            [DocumentKind.EmploymentEnd] = new EmploymentEndClaim(D("2025-01-01"), null),
            [DocumentKind.UnemploymentRegistration] = new UnemploymentClaim(D("2099-01-02"), D("2099-01-01"), null),
            [DocumentKind.ExemptionProof] = new ExemptionClaim(ExemptionGround.Disability12, D("2099-01-01"), DisabilityGroup: 3),
            [DocumentKind.DeferralProof] = new DeferralClaim(D("2099-01-01"), D("2098-01-01")),
        };
        Assert.Equal(Enum.GetValues<DocumentKind>().Order(), claims.Keys.Order());
        foreach (var (kind, claim) in claims)
        {
            Assert.Equal(kind, claim.Kind);
            _ = DocumentLifecycle.CheckerOf(kind);
            var document = Document.Receive("d", claim, At, Actor.Graduate);
            Assert.NotEmpty(DocumentRules.Check(terms, document, [document], D("2025-09-10")).Reasons);
        }
    }

    [Fact]
    public void Accepted_documents_become_periods_each_with_its_evidence()
    {
        var job = Accepted("job", Job("2025-09-01"), At);
        var deferral = Accepted("army", new DeferralClaim(D("2026-01-01"), D("2026-12-31")), At.AddDays(1));
        var pending = Document.Receive("pending", new UnemploymentClaim(D("2025-08-01"), D("2025-08-02"), null), At, Actor.Graduate);
        var periods = DocumentPeriods.Of([job, deferral, pending]);
        Assert.Equal(2, periods.Count);
        Assert.Contains(periods, p => p.Kind == PeriodKind.Employment && p.Evidence == new PeriodEvidence(EvidenceKind.OperatorPaper, [], "job", DocumentKind.EmploymentConfirmation));
        Assert.Contains(periods, p => p.Kind == PeriodKind.MilitaryService && p.Evidence == new PeriodEvidence(EvidenceKind.OperatorPaper, [], "army", DocumentKind.DeferralProof));
    }

    [Fact]
    public void A_graduates_upload_is_document_evidence_and_a_paper_an_operator_filed_is_operator_paper()
    {
        var upload = Document.Receive("up", new DeferralClaim(D("2026-01-01"), D("2026-12-31")), At, Actor.Graduate);
        var paper = Accepted("paper", new DeferralClaim(D("2026-01-01"), D("2026-12-31")), At);
        Assert.Equal(new PeriodEvidence(EvidenceKind.Document, [], "up", DocumentKind.DeferralProof), PeriodEvidence.Of(upload));
        Assert.Equal(new PeriodEvidence(EvidenceKind.OperatorPaper, [], "paper", DocumentKind.DeferralProof), PeriodEvidence.Of(paper));
    }

    [Fact]
    public void An_end_closes_the_job_it_was_validated_against_the_named_one_or_the_latest_open_one_started_before_it()
    {
        var first = Accepted("first", Job("2025-09-01"), At);
        var second = Accepted("second", Job("2026-03-01"), At.AddDays(1));
        var endOfFirst = new EmploymentEndClaim(D("2026-02-28"), null);
        Assert.Equal("first", EmploymentEndRules.Closes(DocumentPeriods.Jobs([first, second]), null, endOfFirst.EndDate).Value?.Source);
        var end = Accepted("end", endOfFirst, At.AddDays(2));
        var periods = DocumentPeriods.Of([first, second, end]);
        Assert.Equal(D("2026-02-28"), periods.Single(p => p.Source == "first").To);
        Assert.Null(periods.Single(p => p.Source == "second").To);

        var tooEarly = Document.Receive("early", new EmploymentEndClaim(D("2025-01-01"), null), At, Actor.Graduate);
        Assert.Equal("no-employment-to-end", Assert.Single(DocumentRules.Check(Terms(), tooEarly, [first, second, tooEarly], D("2026-04-01")).Reasons).Code);
    }

    [Fact]
    public void Reminder_facts_come_from_the_documents_a_pending_link_and_the_proof_they_give()
    {
        var terms = Terms(graduation: D("2025-06-20"));
        var waiting = Document.Restore(Document.Receive("d1", Job("2025-09-01"), At, Actor.Graduate).State);
        waiting.Validate(Clean, At, Actor.System("upload"));
        var documents = new[] { waiting };
        var ledger = LedgerRules.Compute(terms, DocumentPeriods.Of(documents), D("2025-09-10"));
        var facts = ReminderFactsRules.Of("g", terms, documents, ledger, D("2025-09-10"));
        Assert.True(facts.HasEmploymentProof);
        Assert.Equal(new PendingConfirmation("d1", Almaty.DateOf(At)), Assert.Single(facts.PendingConfirmations));
        Assert.Empty(facts.Employments);
        Assert.False(ReminderFactsRules.IsProof(Document.Receive("e", new EmploymentEndClaim(D("2025-01-01"), null), At, Actor.Graduate)));
    }
}
