using System.Text.Json;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The queue message that asks for outbox rows of one graduate to be sent: one row (<see cref="NotificationId"/>),
/// or every e-mail of one commit (<see cref="NotificationIds"/>, the first of them also in <see cref="NotificationId"/>).
/// It carries ids only, never personal data; <see cref="Synced"/> says the change's index sync, which a row may
/// carry, was already done inline.
/// </summary>
public sealed record DispatchRequest(string GraduateId, string NotificationId, bool Synced = false, IReadOnlyList<string>? NotificationIds = null)
{
    /// <summary>The rows the message names, in order, without repeats.</summary>
    public IReadOnlyList<string> Ids => (NotificationIds is { Count: > 0 } ids ? ids : [NotificationId]).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The message for <paramref name="ids"/> (one id keeps the single-row shape).</summary>
    public static DispatchRequest For(string graduateId, IReadOnlyList<string> ids, bool synced) =>
        new(graduateId, ids[0], synced, ids.Count > 1 ? ids : null);

    public static DispatchRequest Parse(string message)
    {
        DispatchRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<DispatchRequest>(message, Json.Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException("A dispatch message must be JSON {graduateId, notificationId}.", ex);
        }

        if (request is null || string.IsNullOrWhiteSpace(request.GraduateId) || string.IsNullOrWhiteSpace(request.NotificationId)
            || request.NotificationIds?.Any(string.IsNullOrWhiteSpace) == true)
        {
            throw new FormatException("A dispatch message must name graduateId and notificationId.");
        }

        return request;
    }
}
