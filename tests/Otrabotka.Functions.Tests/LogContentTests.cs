using System.Net;
using System.Text.RegularExpressions;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The logs of an end-to-end run carry opaque ids, kinds, statuses and reason codes — never an IIN, an
/// e-mail address or a token. Later issues extend this test with their own flows, not copy it.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class LogContentTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task An_end_to_end_run_logs_every_move_and_decision_with_no_iin_email_or_token()
    {
        var (graduateId, iin, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var documentId = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf());
        var link = await api.EmployerTokenAsync(employer);
        await api.JsonAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" });
        using var rejected = await api.UploadAsync(token, "deferral-proof", new { serviceStart = "2025-10-01", serviceEnd = "2025-09-01" }, Api.Pdf());
        Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        var deferral = await api.SubmitAsync(token, "deferral-proof", new { serviceStart = "2025-10-01", serviceEnd = "2026-09-30" }, Api.Pdf());
        await api.JsonAsync(HttpMethod.Post, $"/api/review/documents/{deferral}/decision", api.OperatorToken, new { decision = "reject", reasonCode = "dates-mismatch", note = "checked" });
        await api.JsonAsync(HttpMethod.Post, "/api/reminders/run", api.OperatorToken, new { date = "2025-12-01" });
        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest($"{iin}@graduate.example.kz").Count >= 4), TimeSpan.FromSeconds(30)));

        var logs = host.Logs.Entries;
        Assert.Contains(logs, entry => entry.Contains(documentId, StringComparison.Ordinal) && entry.Contains("AwaitingEmployer", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Contains("Employer decided", StringComparison.Ordinal) && entry.Contains(graduateId, StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Contains("validated: Rejected", StringComparison.Ordinal) && entry.Contains("end-before-start", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Contains("Operator reviewed", StringComparison.Ordinal) && entry.Contains("dates-mismatch", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Contains("Reminder run for", StringComparison.Ordinal));

        Assert.DoesNotContain(logs, entry => entry.Contains(iin, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, entry => Email().IsMatch(entry));
        Assert.DoesNotContain(logs, entry => entry.Contains(link, StringComparison.Ordinal) || entry.Contains(token, StringComparison.Ordinal) || Jwt().IsMatch(entry));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();
}
