using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Texts;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Retry-After comes from one place, the problem's <c>retryAfterSeconds</c>, so a 429's or 503's header and body
/// name the same wait. (The rate-limited pre-check and the employer-mail limit are pinned through the local host in
/// PagesApiTests and EmployerMailLimitTests.)
/// </summary>
public sealed class RetryAfterTests
{
    [Fact]
    public void A_problem_with_a_wait_answers_it_as_header_and_body_in_whole_seconds_and_one_without_sends_no_header()
    {
        var waiting = new DefaultHttpContext();
        var problem = new Problem(Refusal.TooManyRequests, "too-many-requests", TextCatalog.Default.Text("problems.not-found"))
            .RetryingAfter(TimeSpan.FromSeconds(90.2));
        var result = Problems.Create(waiting.Request, problem);
        Assert.Equal(429, result.StatusCode);
        Assert.Equal(91, AgreedSeconds(waiting, result));

        var plain = new DefaultHttpContext();
        var notFound = Problems.Create(plain.Request, Problem.NotFound);
        Assert.False(plain.Response.Headers.ContainsKey("Retry-After"));
        Assert.Null(JsonNode.Parse(notFound.Content!)![Problem.RetryAfterSeconds]);
    }

    [Fact]
    public void Storage_unavailable_names_its_wait_in_the_header_and_the_body()
    {
        var context = new DefaultHttpContext();
        var result = Assert.IsType<ContentResult>(UnhandledFailures.Result(context.Request, new RequestFailedException(503, "Server busy")));
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(UnhandledFailures.RetryAfterSeconds, AgreedSeconds(context, result));
    }

    [Fact]
    public async Task An_unreadable_identity_provider_is_a_503_whose_header_and_body_name_the_same_wait()
    {
        // Nothing listens on the discard port of the loopback: the metadata cannot be read.
        var settings = new AuthSettings
        {
            Graduate = new IdentityProviderSettings { MetadataAddress = "http://127.0.0.1:9/.well-known/openid-configuration", Audience = "api://x", SubjectClaim = "iin" },
        };
        var auth = new Authenticator(Options.Create(settings), TimeProvider.System, NullLogger<Authenticator>.Instance, []);
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + Authenticator.MintDevelopmentToken(
            new AuthSettings { SigningKey = "retry-after-test-signing-key-0123456789abcdef" }, TimeProvider.System, Roles.Graduate, "000000000000");

        var answer = await auth.RequireAsync(context.Request, Roles.Graduate, CancellationToken.None);

        var result = Assert.IsType<ContentResult>(answer.Failure);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("identity-provider-unavailable", JsonNode.Parse(result.Content!)!["code"]!.GetValue<string>());
        Assert.Equal(30, AgreedSeconds(context, result));
    }

    private static int AgreedSeconds(HttpContext context, ContentResult result)
    {
        var header = int.Parse(context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var body = JsonNode.Parse(result.Content!)![Problem.RetryAfterSeconds]!.GetValue<int>();
        Assert.Equal(header, body);
        return header;
    }
}
