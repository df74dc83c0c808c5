namespace Otrabotka.Domain;

/// <summary>The messages a document's moves cause.</summary>
public enum NoticeKind
{
    Received,
    Rejected,
    InReview,
    Accepted,
    /// <summary>To the graduate: the employer was asked.</summary>
    AwaitingEmployer,
    /// <summary>To the employer: the signed link.</summary>
    EmployerRequest,
}
