using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Pages;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Composition;

public static class OtrabotkaServices
{
    /// <summary>The one composition root: the Functions app and the local host both call it.</summary>
    public static IServiceCollection AddOtrabotka(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(TextCatalog.Default);

        // The Azure SDK logs request URLs at Information; a table key may be an IIN (the IIN index), so only its warnings are kept.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));

        services.AddOptions<SendGridSettings>().Bind(configuration.GetSection(SendGridSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OtrabotkaSettings>().Bind(configuration.GetSection(OtrabotkaSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthSettings>().Bind(configuration.GetSection(AuthSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuthSettings>, DevelopmentKeyGuard>();
        services.AddOptions<IinIndexSettings>().Bind(configuration.GetSection(IinIndexSettings.Section)).ValidateOnStart();
        services.AddSingleton<IinIndexKeyGuard>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<IinIndexSettings>>(sp => sp.GetRequiredService<IinIndexKeyGuard>());
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IinIndexSettings>>(sp => sp.GetRequiredService<IinIndexKeyGuard>());
        services.AddOptions<NotificationSettings>().Bind(configuration.GetSection(NotificationSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MalwareSettings>().Bind(configuration.GetSection(MalwareSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeSettings>().Bind(configuration.GetSection(IntakeSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImportSettings>().Bind(configuration.GetSection(ImportSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReminderRunSettings>().Bind(configuration.GetSection(ReminderRunSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FeedSettings>().Bind(configuration.GetSection(FeedSettings.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(_ => StorageConnection.From(configuration));
        services.AddSingleton<StorageCallCounter>();
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), counter: sp.GetRequiredService<StorageCallCounter>()));
        services.AddSingleton<ProbeStorageClients>();
        services.AddSingleton<IinIndexKeys>();
        services.AddSingleton<IinIndexMigration>();
        services.AddSingleton<IinIndexRebuild>();
        services.AddAzureClients(clients =>
        {
            // The SDK clients other libraries may ask for come from the same connection.
            clients.AddClient<Azure.Data.Tables.TableServiceClient, Azure.Data.Tables.TableClientOptions>((_, _, sp) => sp.GetRequiredService<StorageClients>().Tables);
        });

        services.AddSingleton<IEmailSender, SendGridEmailSender>();
        services.TryAddSingleton<ConfiguredMalwareVerdicts>();
        services.TryAddSingleton<DefenderMalwareVerdicts>();
        services.TryAddSingleton<IMalwareVerdicts>(sp => MalwareVerdictSource(sp));
        services.AddSingleton<FileVerdicts>();
        services.AddSingleton<EmployerTokens>();
        services.AddSingleton<UploadLinks>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<EmployerMailQuota>();
        services.AddSingleton<EmployerMailLimit>();
        services.AddSingleton<EmployerDomains>();
        services.AddSingleton<EmployerAddressChecks>();
        services.AddSingleton<RequestParsing>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<DispatchChannel>();
        services.AddHostedService<DispatchWorkers>();
        services.AddSingleton<EmployerLinks>();
        services.AddSingleton<GraduateRepository>();
        services.AddSingleton<GraduateRegistry>();
        services.AddSingleton<KnownGraduates>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<ReminderDueStore>();
        services.AddSingleton<ReminderRunStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<NoticeComposer>();
        services.AddSingleton<DocumentChanges>();

        services.AddSingleton<CheckHealth>();
        services.AddSingleton<GraduateLookup>();
        services.AddSingleton<GraduateRegistrations>();
        services.AddSingleton<RegisterGraduate>();
        services.AddSingleton<ReadGraduate>();
        services.AddSingleton<UpdateContact>();
        services.AddSingleton<ReadObligation>();
        services.AddSingleton<DocumentMoves>();
        services.AddSingleton<SubmitDocument>();
        services.AddSingleton<CreateUploadLink>();
        services.AddSingleton<CompleteUpload>();
        services.AddSingleton<ListDocuments>();
        services.AddSingleton<ReadDocument>();
        services.AddSingleton<WithdrawDocument>();
        services.AddSingleton<ContestDecision>();
        services.AddSingleton<DocumentValidator>();
        services.AddSingleton<ValidateDocument>();
        services.AddSingleton<EmployerLinkLookup>();
        services.AddSingleton<ShowEmployerLink>();
        services.AddSingleton<DecideEmployment>();
        services.AddSingleton<ReissueEmployerLink>();
        services.AddSingleton<ReviewDocuments>();
        services.AddSingleton<ListUnverifiedConfirmations>();
        services.AddSingleton<ListReviewQueue>();
        services.AddSingleton<ReadReviewDocument>();
        services.AddSingleton<DecideReview>();
        services.AddSingleton<ImportGraduates>();
        services.AddSingleton<RecordExemption>();
        services.AddSingleton<DeclareDefault>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<IndexSync>();
        services.AddSingleton<OutboxSweep>();
        services.AddSingleton<IntakeSweep>();
        services.AddSingleton<ReceivedSweep>();
        services.AddSingleton<SweepUnfinished>();
        services.AddSingleton<FailedNotifications>();
        services.AddSingleton<DispatchNotification>();
        services.AddSingleton<ReminderSender>();
        services.AddSingleton<RunReminders>();
        services.AddOtrabotkaPages(configuration);
        services.AddSingleton<ImportRegistrar>();
        services.AddSingleton<ImportJobStore>();
        services.AddSingleton<StartImport>();
        services.AddSingleton<RunImportStep>();
        services.AddSingleton<ReadImportStatus>();
        services.AddSingleton<StartReminderRun>();
        services.AddSingleton<StartDailyRun>();
        services.AddSingleton<RunReminderStep>();
        services.AddSingleton<ReadReminderRunStatus>();
        services.AddPensionFeed();
        services.AddOperatorDesk();
        return services;
    }

    /// <summary>The verdict source Malware__Source names: Defender for Storage's tags, or the configured verdict.</summary>
    public static IMalwareVerdicts MalwareVerdictSource(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MalwareSettings>>().Value.Source == MalwareSource.Defender
            ? services.GetRequiredService<DefenderMalwareVerdicts>()
            : services.GetRequiredService<ConfiguredMalwareVerdicts>();
}
