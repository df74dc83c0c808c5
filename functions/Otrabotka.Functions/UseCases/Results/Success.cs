namespace Otrabotka.Functions.UseCases;

/// <summary>How a use case succeeded: a named outcome; the HTTP edge maps it to a status code.</summary>
public enum Success
{
    Ok,
    Created,
    /// <summary>Taken in; the work goes on after the answer (validation, e-mail).</summary>
    Accepted,
}
