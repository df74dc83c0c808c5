using System.Net;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The log scan: an end-to-end run (registration, upload, validation, employer e-mail and confirmation,
/// review, search by IIN, refused tokens, bad input carrying personal data), then every line the host
/// logged so far — this collection's other tests included — holds no IIN, e-mail address, name or token.
/// The generated-input and authorization-matrix tests scan after their runs too.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class LogScanTests(LocalHostFixture host)
{
    public static readonly string[] Names = ["Айгерім Сапарова", "Сапарова", "Б. Омаров"];
    private readonly Api api = new(host);

    [Fact]
    public async Task No_IIN_email_name_or_token_reaches_a_log_line_in_an_end_to_end_run()
    {
        var (graduateId, iin, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf());
        await api.SettledAsync(token, id);
        var link = await api.EmployerTokenAsync(employer);
        using (var confirmed = await api.SendAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        await api.JsonAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { iin });
        await api.JsonAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/documents", api.OperatorToken);
        using (await api.SendAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, new { iin, fullName = "Айгерім Сапарова", email = "not-an-address@", category = "x" }))
        using (await api.SendAsync(HttpMethod.Post, "/api/graduates", api.OperatorToken, new { iin, fullName = "Айгерім Сапарова", email = $"{iin}@graduate.example.kz", category = "state-order-other", level = "bachelor", specialtyGroup = "technical", graduationDate = "2025-06-20", admissionYear = 2021, budgetCost = 1, university = "ЕҰУ" }))
        using (await api.SendAsync(HttpMethod.Get, "/api/me", token[..^3] + "abc"))
        using (await api.SendAsync(HttpMethod.Post, "/api/confirmations/view", null, new { token = link[..^2] }))
        using (await api.SendAsync(HttpMethod.Post, "/api/reminders/run", api.OperatorToken))
        {
        }

        AssertClean(host);
    }

    /// <summary>Fails with the offending lines when any captured log line leaks personal data or a token.</summary>
    internal static void AssertClean(LocalHostFixture host)
    {
        var leaks = host.Logs.Leaks(Names);
        Assert.True(host.Logs.Lines.Count > 0, "nothing was logged: the capture is not wired");
        Assert.True(leaks.Count == 0, $"{leaks.Count} log line(s) leak: {string.Join("\n", leaks.Take(10))}");
    }
}
