# The Functions app in a container: the official Azure Functions host for isolated .NET 10 workers, with the
# published app under /home/site/wwwroot. Runs anywhere a container runs (deploy/k8s), Azure or not.
#   docker build -t otrabotka-functions .
# Settings come from the environment (deploy/k8s: ConfigMap + Secret); the LABEL below lists the ones the
# app needs there, which a test compares with the off-azure tags in SettingsCatalog.cs.
ARG FUNCTIONS_IMAGE=mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS publish
WORKDIR /src
COPY . .
RUN dotnet publish functions/Otrabotka.Functions/Otrabotka.Functions.csproj -c Release -o /app/publish --nologo

FROM ${FUNCTIONS_IMAGE}
ENV AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    FUNCTIONS_WORKER_RUNTIME=dotnet-isolated \
    AZURE_FUNCTIONS_ENVIRONMENT=Production
LABEL org.otrabotka.settings.configmap="FUNCTIONS_WORKER_RUNTIME AZURE_FUNCTIONS_ENVIRONMENT Otrabotka__PublicBaseUrl Auth__Graduate__MetadataAddress Auth__Graduate__Audience Auth__Graduate__SubjectClaim Auth__Operator__MetadataAddress Auth__Operator__Audience Auth__Operator__SubjectClaim Auth__Operator__RoleClaim SendGrid__BaseUrl SendGrid__FromEmail SendGrid__FromName Malware__Source Malware__Verdict ReminderSchedule OutboxSweepSchedule IntakeSweepSchedule Notifications__RetryBaseSeconds Notifications__DispatchWorkers Import__InlineRowLimit Import__ChunkRows Import__ChunkSeconds Feed__ChunkRows Feed__Parallelism Feed__ChunkSeconds Reminders__InlineLimit Reminders__ChunkSize Reminders__SendRatePerSecond Reminders__ChunkSeconds Auth__Supervisor__MetadataAddress Auth__Supervisor__Audience Auth__Supervisor__SubjectClaim Auth__Supervisor__RoleClaim" \
      org.otrabotka.settings.secret="AzureWebJobsStorage SendGrid__ApiKey Intake__EmployerLinkKey IinIndex__Key"
COPY --from=publish /app/publish /home/site/wwwroot
EXPOSE 80
