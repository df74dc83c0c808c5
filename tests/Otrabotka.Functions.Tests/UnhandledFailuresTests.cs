using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>What a request that threw answers: the caller's fault or a retryable state is never a 500.</summary>
public sealed class UnhandledFailuresTests
{
    public static TheoryData<Exception, int, string> Failures() => new()
    {
        { new BadHttpRequestException("Request body too large.", 413), 413, "body-too-large" },
        { new BadHttpRequestException("Unexpected end of request content.", 400), 400, "bad-request-body" },
        { new ConcurrentChangeException(), 409, "concurrent-update" },
        { new RequestFailedException(503, "Server busy"), 503, "storage-unavailable" },
        { new InvalidOperationException("a bug"), 500, "internal-error" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_a_problem_with_its_status_in_the_callers_language(Exception exception, int status, string code)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = "kk";
        var result = Assert.IsType<ContentResult>(UnhandledFailures.Result(context.Request, exception));
        Assert.Equal(status, result.StatusCode);
        var problem = JsonNode.Parse(result.Content!)!;
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.DoesNotContain(exception.Message, result.Content!, StringComparison.Ordinal);
    }
}
