using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

public sealed record FailedNotificationView(string NotificationId, string GraduateId, string To, string Subject, int? LastStatusCode, string? LastError, int Attempts, DateTimeOffset FailedAt);
