using System.Text.Json;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The queue message that asks for one outbox row to be sent. It carries ids only, never personal data;
/// <see cref="Synced"/> says the change's index sync, which the row may carry, was already done inline.
/// </summary>
public sealed record DispatchRequest(string GraduateId, string NotificationId, bool Synced = false)
{
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

        if (request is null || string.IsNullOrWhiteSpace(request.GraduateId) || string.IsNullOrWhiteSpace(request.NotificationId))
        {
            throw new FormatException("A dispatch message must name graduateId and notificationId.");
        }

        return request;
    }
}
