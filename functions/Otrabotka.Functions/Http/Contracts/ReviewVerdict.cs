namespace Otrabotka.Functions.Http.Contracts;

/// <summary>An operator's review verdict.</summary>
public enum ReviewVerdict
{
    Approve,
    Reject,
}
