using Azure.Storage.Blobs;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Triggers;
using FW = Microsoft.Azure.Functions.Worker;
using WJ = Microsoft.Azure.WebJobs;

namespace Otrabotka.LocalHost;

/// <summary>
/// The blob, queue and timer functions as the WebJobs SDK sees them: each declares the same name, path,
/// queue or schedule constant as the Functions app and calls the same function class. Locally the blob
/// trigger polls (receipts in azure-webjobs-hosts); in Azure it is driven by Event Grid.
/// </summary>
public sealed class LocalTriggers(IServiceProvider services)
{
    [WJ.FunctionName(IntakeBlobFunction.Name)]
    public Task ValidateUpload([WJ.BlobTrigger(StorageNames.IntakeBlobPath, Connection = StorageNames.Connection)] BlobClient blob, string name, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<IntakeBlobFunction>(services).Run(blob, name, cancellationToken);

    [WJ.FunctionName(DispatchQueueFunction.Name)]
    public Task DispatchNotification([WJ.QueueTrigger(StorageNames.DispatchQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<DispatchQueueFunction>(services).Run(message, cancellationToken);

    [WJ.FunctionName(ImportQueueFunction.Name)]
    public Task ImportChunk([WJ.QueueTrigger(StorageNames.ImportQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<ImportQueueFunction>(services).Run(message, cancellationToken);

    [WJ.FunctionName(FeedBlobFunction.Name)]
    public Task StartFeedImport([WJ.BlobTrigger(StorageNames.FeedBlobPath, Connection = StorageNames.Connection)] BlobClient blob, string name, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<FeedBlobFunction>(services).Run(blob, name, cancellationToken);

    [WJ.FunctionName(FeedQueueFunction.Name)]
    public Task FeedChunk([WJ.QueueTrigger(StorageNames.FeedQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<FeedQueueFunction>(services).Run(message, cancellationToken);

    [WJ.FunctionName(ReminderRunQueueFunction.Name)]
    public Task ReminderRunChunk([WJ.QueueTrigger(StorageNames.ReminderRunQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<ReminderRunQueueFunction>(services).Run(message, cancellationToken);

    [WJ.FunctionName(OperatorResyncQueueFunction.Name)]
    public Task OperatorIndexResyncStep([WJ.QueueTrigger(StorageNames.OperatorResyncQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<OperatorResyncQueueFunction>(services).Run(message, cancellationToken);

    [WJ.FunctionName(ReminderTimerFunction.Name)]
    public Task RunReminders([WJ.TimerTrigger(StorageNames.ReminderScheduleExpression)] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<ReminderTimerFunction>(services).Run(new FW.TimerInfo { IsPastDue = timer.IsPastDue }, cancellationToken);

    [WJ.FunctionName(OutboxSweepFunction.Name)]
    public Task SweepOutbox([WJ.TimerTrigger(StorageNames.OutboxSweepScheduleExpression)] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<OutboxSweepFunction>(services).Run(new FW.TimerInfo { IsPastDue = timer.IsPastDue }, cancellationToken);

    [WJ.FunctionName(IntakeSweepFunction.Name)]
    public Task SweepIntake([WJ.TimerTrigger(StorageNames.IntakeSweepScheduleExpression)] WJ.TimerInfo timer, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<IntakeSweepFunction>(services).Run(new FW.TimerInfo { IsPastDue = timer.IsPastDue }, cancellationToken);
}
