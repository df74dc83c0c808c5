using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

public sealed record SweepResult(int Examined, int Requeued, int Forgotten);
