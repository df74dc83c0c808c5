using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using Xunit.Abstractions;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// L5: the local host rides out a storage outage. Its own Azurite keeps data on disk; the test stops it for
/// 60 s and starts it again on the same ports; the host must still be running and must serve again —
/// HTTP, the blob trigger or sweep, the dispatch queue and the e-mail — without a restart.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const string SigningKey = "outage-test-signing-key-0123456789abcdef0123";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_host_survives_60_seconds_without_storage_and_serves_again_when_it_returns()
    {
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: true);
        var hostPort = LocalHostFixture.FreePort();
        await using var host = LocalHostProcess.Start(DevelopmentSettings(azurite.ConnectionString, hostPort), port: hostPort);
        try
        {
            Assert.True(await host.AnswersAsync(TimeSpan.FromSeconds(60), HttpStatusCode.OK), "the host did not start");
            await UploadAndAwaitEmployerMailAsync(host, "before");

            await azurite.StopAsync();
            var down = DateTime.UtcNow;
            while (DateTime.UtcNow - down < Outage)
            {
                Assert.False(host.HasExited, $"the host exited {(DateTime.UtcNow - down).TotalSeconds:F0} s into the outage");
                await Task.Delay(1000);
            }

            await azurite.StartAsync();
            Assert.True(await host.AnswersAsync(TimeSpan.FromSeconds(60), HttpStatusCode.OK), "the host did not report healthy after storage returned");
            Assert.False(host.HasExited, "the host exited after storage returned");
            await UploadAndAwaitEmployerMailAsync(host, "after");
            Assert.False(host.HasExited);
        }
        finally
        {
            output.WriteLine(host.Output);
        }
    }

    private static Dictionary<string, string?> DevelopmentSettings(string storage, int port) => new()
    {
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["AzureWebJobsStorage"] = storage,
        ["AzureWebJobsStorageIsolated"] = null,
        ["SendGrid__ApiKey"] = "outage-test-key",
        ["SendGrid__BaseUrl"] = $"http://127.0.0.1:{port}",
        ["SendGrid__FromEmail"] = "no-reply@otrabotka.test",
        ["Otrabotka__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        ["Auth__SigningKey"] = SigningKey,
        ["Intake__EmployerLinkKey"] = "outage-test-employer-link-key-0123456789abcdef",
        ["ReminderSchedule"] = "0 0 4 * * *",
        ["OutboxSweepSchedule"] = "*/5 * * * * *",
        ["IntakeSweepSchedule"] = "*/5 * * * * *",
        ["Intake__SweepMinimumAgeSeconds"] = "3",
        ["Notifications__RetryBaseSeconds"] = "0.2",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
    };

    private static string Token(string role, string subject) =>
        Authenticator.MintDevelopmentToken(new AuthSettings { SigningKey = SigningKey }, TimeProvider.System, role, subject);

    private static async Task UploadAndAwaitEmployerMailAsync(LocalHostProcess host, string step)
    {
        var iin = Api.NewIin();
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/graduates")
        {
            Content = JsonContent.Create(new
            {
                iin, fullName = "Айгерім Сапарова", email = $"{iin}@graduate.example.kz", language = "kk",
                category = "state-order-other", level = "bachelor", specialtyGroup = "technical", graduationDate = "2025-06-20",
                admissionYear = 2021, budgetCost = 3_600_000.00m, university = "Л.Н. Гумилев атындағы ЕҰУ",
            }),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("operator", "operator-1"));
        using var registered = await host.Client.SendAsync(register);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, $"{step}: register {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");

        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/me/documents");
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("graduate", iin));
        var file = new ByteArrayContent(Api.Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Content = new MultipartFormDataContent
        {
            { new StringContent("employment-confirmation"), "kind" },
            { new StringContent(JsonSerializer.Serialize(Api.Employment(email: employer))), "metadata" },
            { file, "file", "document.pdf" },
        };
        using var accepted = await host.Client.SendAsync(upload);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{step}: upload {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");

        var mailed = await LocalHostFixture.Eventually(
            async () =>
            {
                var mails = JsonNode.Parse(await host.Client.GetStringAsync($"/dev/mail?to={Uri.EscapeDataString(employer)}"))!.AsArray();
                return mails.Count > 0;
            },
            TimeSpan.FromSeconds(60));
        Assert.True(mailed, $"{step}: the employer's e-mail did not arrive within 60 s");
    }
}
