namespace Otrabotka.Domain.Tests;

public sealed class DocumentLifecycleTests
{
    private static readonly HashSet<(DocumentStatus, DocumentStatus)> Legal =
    [
        (DocumentStatus.Received, DocumentStatus.Validating),
        (DocumentStatus.Received, DocumentStatus.Withdrawn),
        (DocumentStatus.Validating, DocumentStatus.Rejected),
        (DocumentStatus.Validating, DocumentStatus.AwaitingEmployer),
        (DocumentStatus.Validating, DocumentStatus.AwaitingReview),
        (DocumentStatus.Validating, DocumentStatus.Accepted),
        (DocumentStatus.Validating, DocumentStatus.Withdrawn),
        (DocumentStatus.AwaitingEmployer, DocumentStatus.Accepted),
        (DocumentStatus.AwaitingEmployer, DocumentStatus.Rejected),
        (DocumentStatus.AwaitingEmployer, DocumentStatus.AwaitingReview),
        (DocumentStatus.AwaitingEmployer, DocumentStatus.Withdrawn),
        (DocumentStatus.AwaitingReview, DocumentStatus.Accepted),
        (DocumentStatus.AwaitingReview, DocumentStatus.Rejected),
        (DocumentStatus.AwaitingReview, DocumentStatus.Withdrawn),
        (DocumentStatus.Rejected, DocumentStatus.AwaitingReview),
    ];

    [Fact]
    public void Every_move_is_legal_exactly_when_the_status_machine_says_so()
    {
        foreach (var from in Enum.GetValues<DocumentStatus>())
        {
            foreach (var to in Enum.GetValues<DocumentStatus>())
            {
                var refused = DocumentLifecycle.Check(from, to, contestedBefore: false);
                Assert.True(Legal.Contains((from, to)) == (refused is null), $"{from} → {to}");
            }
        }
    }

    [Fact]
    public void A_rejected_document_may_be_contested_once()
    {
        var doc = new DocumentRecord(DocumentKind.ExemptionProof, DateTimeOffset.UnixEpoch, "graduate");
        Assert.Null(doc.MoveTo(DocumentStatus.Validating, DateTimeOffset.UnixEpoch, "system", null));
        Assert.Null(doc.MoveTo(DocumentStatus.Rejected, DateTimeOffset.UnixEpoch, "system", "child-over-three"));
        Assert.Null(doc.MoveTo(DocumentStatus.AwaitingReview, DateTimeOffset.UnixEpoch, "graduate", "contest"));
        Assert.True(doc.Contested);
        Assert.Null(doc.MoveTo(DocumentStatus.Rejected, DateTimeOffset.UnixEpoch, "operator", "upheld"));
        Assert.Equal("already-contested", doc.MoveTo(DocumentStatus.AwaitingReview, DateTimeOffset.UnixEpoch, "graduate", "again")?.Code);
        Assert.Equal(DocumentStatus.Rejected, doc.Status);
        Assert.Equal(5, doc.History.Count);
    }

    [Fact]
    public void An_illegal_move_is_refused_and_changes_nothing()
    {
        var doc = new DocumentRecord(DocumentKind.EmploymentEnd, DateTimeOffset.UnixEpoch, "graduate");
        Assert.Equal("illegal-transition", doc.MoveTo(DocumentStatus.Accepted, DateTimeOffset.UnixEpoch, "system", null)?.Code);
        Assert.Equal(DocumentStatus.Received, doc.Status);
        Assert.Single(doc.History);
    }

    [Theory]
    [InlineData(DocumentKind.EmploymentConfirmation, DocumentStatus.AwaitingEmployer)]
    [InlineData(DocumentKind.EmploymentEnd, DocumentStatus.Accepted)]
    [InlineData(DocumentKind.UnemploymentRegistration, DocumentStatus.AwaitingReview)]
    [InlineData(DocumentKind.ExemptionProof, DocumentStatus.AwaitingReview)]
    [InlineData(DocumentKind.DeferralProof, DocumentStatus.AwaitingReview)]
    public void Each_kind_goes_to_its_checker_after_validation(DocumentKind kind, DocumentStatus next) =>
        Assert.Equal(next, DocumentLifecycle.AfterValidation(kind));
}
