namespace Otrabotka.Functions.Storage;

/// <summary>
/// A conditional write lost to a concurrent one (an ETag that no longer matches, a row added first).
/// The retry policy reloads and tries again; nothing above the storage layer sees an Azure status code.
/// </summary>
public sealed class ConcurrentChangeException : Exception
{
    public ConcurrentChangeException()
    {
    }

    public ConcurrentChangeException(string message) : base(message)
    {
    }

    public ConcurrentChangeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
