using System.Net;
using System.Text.Json.Nodes;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;

namespace Otrabotka.Functions.Tests;

/// <summary>Issue 11, M3: the Center's sender cannot be aimed at anyone, and typed text is never a link.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class EmployerMailLimitTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task Reissuing_past_the_daily_limit_is_a_429_with_Retry_After_and_sends_nothing_more()
    {
        var (_, _, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf());
        Assert.Equal("awaiting-employer", (await api.SettledAsync(token, id))["status"]!.GetValue<string>());
        var limit = host.Service<Microsoft.Extensions.Options.IOptions<Configuration.IntakeSettings>>().Value.EmployerMailsPerDay;
        for (var i = 1; i < limit; i++)
        {
            await api.JsonAsync(HttpMethod.Post, $"/api/me/documents/{id}/employer-link", token);
        }

        using var refused = await api.SendAsync(HttpMethod.Post, $"/api/me/documents/{id}/employer-link", token, language: "en");
        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.TooManyRequests, text);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("employer-mail-limit", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { } delta && delta > TimeSpan.Zero && delta <= TimeSpan.FromDays(1), $"Retry-After {retryAfter}");
        Assert.Equal(retryAfter!.Value.TotalSeconds, JsonNode.Parse(text)!["retryAfterSeconds"]!.GetValue<int>());

        Assert.True(await LocalHostFixture.Eventually(() => Task.FromResult(host.Mail.Newest(employer).Count == limit), TimeSpan.FromSeconds(30)), $"{host.Mail.Newest(employer).Count} e-mails");
        await Task.Delay(1500);
        Assert.Equal(limit, host.Mail.Newest(employer).Count);
    }

    [Fact]
    public async Task Uploads_to_more_distinct_employer_addresses_than_allowed_in_a_day_are_refused()
    {
        var (_, _, token) = await api.RegisterAsync();
        var allowed = host.Service<Microsoft.Extensions.Options.IOptions<Configuration.IntakeSettings>>().Value.EmployerAddressesPerDay;
        var first = $"a-{Guid.NewGuid():N}@employer.example.kz";
        for (var i = 0; i < allowed; i++)
        {
            var address = i == 0 ? first : $"x{i}-{Guid.NewGuid():N}@employer.example.kz";
            using var accepted = await api.UploadAsync(token, "employment-confirmation", Api.Employment(email: address), Api.Pdf());
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var refused = await api.UploadAsync(token, "employment-confirmation", Api.Employment(email: $"new-{Guid.NewGuid():N}@employer.example.kz"), Api.Pdf());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        // An address already written to today is not a new one.
        using var again = await api.UploadAsync(token, "employment-confirmation", Api.Employment(email: first), Api.Pdf());
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Concurrent_uploads_near_the_limit_never_overshoot_it_and_a_refused_upload_leaves_no_document()
    {
        var (_, _, token) = await api.RegisterAsync();
        var limit = host.Service<Microsoft.Extensions.Options.IOptions<Configuration.IntakeSettings>>().Value.EmployerMailsPerDay;
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        for (var i = 0; i < limit - 2; i++)
        {
            using var accepted = await api.UploadAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf());
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        // Four at once with two left: the count is written in each upload's own transaction, ETag-conditional.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.UploadAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf())));
        var statuses = answers.Select(answer => answer.StatusCode).ToList();
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        Assert.All(statuses, status => Assert.Contains(status, (HttpStatusCode[])[HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Conflict]));
        Assert.True(statuses.Count(status => status == HttpStatusCode.Accepted) <= 2, string.Join(", ", statuses));

        var documents = (await api.JsonAsync(HttpMethod.Get, "/api/me/documents", token)).AsArray();
        Assert.Equal(limit - 2 + statuses.Count(status => status == HttpStatusCode.Accepted), documents.Count);
        Assert.True(documents.Count <= limit, $"{documents.Count} documents past a limit of {limit}");
    }

    [Fact]
    public async Task An_employer_name_that_looks_like_an_address_is_text_in_both_parts_of_the_e_mail()
    {
        var (_, _, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(email: employer, name: "http://evil.example/login <b>x</b> www.evil.kz"), Api.Pdf());
        await api.SettledAsync(token, id);
        await api.EmployerTokenAsync(employer);
        var mail = host.Mail.Newest(employer)[0];
        foreach (var part in new[] { mail.Html, mail.Text })
        {
            Assert.DoesNotContain("http://evil", part, StringComparison.Ordinal);
            Assert.DoesNotContain("www.evil", part, StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", part, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<b>", mail.Html, StringComparison.Ordinal);
        Assert.True(CountOf(mail.Html, "<a ") > 0);
        Assert.Equal(CountOf(mail.Html, "<a "), CountOf(mail.Html, $"<a href=\"{host.BaseUrl}/confirm#t="));
        // The name is still there for a reader, with its characters unchanged.
        Assert.Contains("http://evil.example/login", mail.Text.Replace(UserText.Breaker.ToString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_Centers_own_link_becomes_an_anchor()
    {
        var model = new NoticeModel(GraduateName: "https://phish.example", EmployerName: "http://evil.example", Position: "admin@evil.example", Date: new DateOnly(2027, 9, 1), Link: "https://otrabotka.example/confirm#t=abc") { LinkDays = 14 };
        var (_, text, html) = Templates.Render(NotificationKind.EmployerRequest, Language.Kk, model, bilingualKkRu: true);
        Assert.Equal(2, CountOf(html, "<a href=\"https://otrabotka.example/confirm#t=abc\">"));
        Assert.Equal(2, CountOf(html, "<a "));
        foreach (var part in new[] { text, html })
        {
            Assert.DoesNotContain("http://evil", part, StringComparison.Ordinal);
            Assert.DoesNotContain("https://phish", part, StringComparison.Ordinal);
            Assert.DoesNotContain("admin@evil", part, StringComparison.Ordinal);
        }

        Assert.Equal("http://evil.example", UserText.Inert("http://evil.example")!.Replace(UserText.Breaker.ToString(), "", StringComparison.Ordinal));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
