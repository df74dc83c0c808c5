using System.Collections.Concurrent;

namespace Otrabotka.Functions.Tests;

/// <summary>One exchange with a local host, as the contract test checks it.</summary>
internal sealed record RecordedExchange(string Method, string Path, int Status, string? ContentType, string Body, string? RequestContentType, string? RequestBody);

/// <summary>
/// Sits in every test client's pipeline and keeps each request and answer, so the contract test can hold
/// what the local host really answered in the end-to-end tests against what the OpenAPI document declares.
/// </summary>
internal sealed class ContractRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static ConcurrentQueue<RecordedExchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? requestBody = null;
        var requestType = request.Content?.Headers.ContentType?.MediaType;
        if (request.Content is not null && requestType is "application/json")
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            requestBody = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Exchanges.Enqueue(new RecordedExchange(
            request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, requestType, requestBody));
        return response;
    }
}
