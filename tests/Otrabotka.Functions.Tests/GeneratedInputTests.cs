using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Generated inputs for every parser (issue 11, "keep them fixed"): JSON bodies, multipart, CSV, bearer
/// tokens and employer links, each <see cref="Generated.Count"/> times with no unhandled exception; then
/// <see cref="Generated.HttpCount"/> requests through the local host with no 5xx. scripts/fuzz.sh runs
/// them at 100,000 inputs per parser and prints the figures.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class GeneratedInputTests(LocalHostFixture host)
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void JSON_bodies_never_throw_in_parsing_or_field_reading()
    {
        Run("json", Generated.JsonBody, body =>
        {
            var context = new DefaultHttpContext();
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(body);
            var (fields, failure) = RequestParsing.JsonAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True((fields is null) != (failure is null));
            if (fields is not null)
            {
                ReadEverything(fields);
            }
        });
    }

    [Fact]
    public void Multipart_bodies_never_throw()
    {
        var parts = Gen.Select(Generated.Text, Generated.JsonBody, Gen.Byte.Array[0, 2000], Gen.Int[0, 5000], Gen.Byte, Gen.Bool);
        Run("multipart", parts, input =>
        {
            var (kind, metadata, file, at, value, mutate) = input;
            var boundary = "b" + at;
            var body = Multipart(boundary, kind, metadata, file);
            var context = new DefaultHttpContext();
            context.Request.ContentType = $"multipart/form-data; boundary={boundary}";
            context.Request.Body = new MemoryStream(mutate ? Generated.Mutate(body, at, value) : body);
            var (submission, failure) = GraduateFunctions.ReadMultipartAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True((submission is null) != (failure is null));
            if (submission?.Metadata is { } json && Wire.TryParse<DocumentKind>(submission.Kind ?? "", out var documentKind))
            {
                ParseMetadataAsDocumentsDoes(documentKind, json);
            }
        });
    }

    [Fact]
    public void CSV_imports_never_throw()
    {
        var operators = host.Service<ImportGraduates>();
        Run("csv", Generated.Csv, csv =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var outcome = operators.RunAsync(stream, Language.En, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(outcome.Problem is null || outcome.Problem.Kind == Refusal.Invalid);
        });
    }

    [Fact]
    public void Bearer_tokens_never_throw_and_no_changed_token_gains_another_identity()
    {
        var auth = host.Service<Authenticator>();
        var iin = Api.NewIin();
        var valid = host.Token(Roles.Graduate, iin);
        var tokens = Gen.Frequency((8, Generated.Mutations(valid)), (1, Generated.Text), (1, Gen.OneOf("", "Bearer", "Bearer ", "bearer x", "Basic abc")));
        Run("token", tokens, token =>
        {
            var context = new DefaultHttpContext();
            context.Request.Headers.Authorization = token.StartsWith("B", StringComparison.Ordinal) && token.Contains(' ', StringComparison.Ordinal) ? token : "Bearer " + token;
            var result = auth.RequireAsync(context.Request, Roles.Graduate, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(result.Caller is null || result.Caller.Subject == iin, $"a changed token was accepted for {result.Caller?.Subject}");
        });
    }

    [Fact]
    public void Employer_links_never_throw_and_no_changed_link_names_another_document()
    {
        var tokens = host.Service<EmployerTokens>();
        var claim = new EmployerClaim("g" + Guid.NewGuid().ToString("N")[..20], "d" + Guid.NewGuid().ToString("N")[..20], "hr@employer.example.kz", 3, Now);
        var link = tokens.Issue(claim);
        Run("link", Generated.Mutations(link), token =>
        {
            var (read, problem) = tokens.Read(token);
            Assert.True(problem != TokenProblem.None || read == claim, $"a changed link read as {read}");
        });
    }

    [Fact]
    public async Task Generated_requests_through_HTTP_never_get_a_5xx()
    {
        var api = new Api(host);
        var (graduateId, _, token) = await api.RegisterAsync();
        var documentId = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(), Api.Pdf());
        var routes = RouteTable.Routes().ToArray();
        var requests = Gen.Select(Gen.Int[0, routes.Length - 1], Generated.JsonBody, Generated.Csv, Gen.Byte.Array[0, 3000], Gen.Int[0, 3], Generated.Text);
        var failures = new ConcurrentBag<string>();
        var sent = 0;
        var statuses = new ConcurrentDictionary<int, int>();
        await Task.Run(() => requests.Sample(
            input =>
            {
                var (routeIndex, json, csv, file, variant, query) = input;
                var (name, route, method) = routes[routeIndex];
                var expectation = RouteTable.Of(name);
                using var request = new HttpRequestMessage(new HttpMethod(method), RouteTable.Concrete(route, variant == 0 ? graduateId : Uri.EscapeDataString(query), variant == 1 ? documentId : Uri.EscapeDataString(query)) + (variant == 2 ? "?continuationToken=" + Uri.EscapeDataString(query) + "&kind=" + Uri.EscapeDataString(query) : ""));
                var bearer = expectation.Access switch
                {
                    Access.Graduate => token,
                    Access.Operator => api.OperatorToken,
                    Access.Supervisor => api.SupervisorToken,
                    _ => null,
                };
                if (bearer is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                if (method != "GET")
                {
                    request.Content = expectation.Body switch
                    {
                        Body.Csv => new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
                        Body.Multipart => new ByteArrayContent(Multipart("bnd", "employment-confirmation", json, file)) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=bnd") } },
                        _ => new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                    };
                }

                using var response = host.Client.Send(request);
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {request.RequestUri}: {(int)response.StatusCode}");
                }
            },
            iter: Generated.HttpCount,
            threads: 4));
        Report("http", sent, failures.Count, string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} answers of 5xx, e.g. {string.Join("; ", failures.Take(5))}");
        LogScanTests.AssertClean(host);
    }

    private static void ReadEverything(Fields fields)
    {
        GraduateFields.Parse(fields, Now);
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            ClaimFields.Parse(kind, fields);
        }

        foreach (var name in Generated.FieldNames)
        {
            fields.Optional(name);
            fields.OptionalDate(name);
            fields.OptionalInt(name, 0, 100);
        }
    }

    /// <summary>What SubmitDocument and CreateUploadLink do with a metadata part: a JSON object, then the kind's fields.</summary>
    private static void ParseMetadataAsDocumentsDoes(DocumentKind kind, string metadata)
    {
        try
        {
            using var document = JsonDocument.Parse(metadata);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                ClaimFields.Parse(kind, Fields.FromJson(document.RootElement));
            }
        }
        catch (JsonException)
        {
            // SubmitDocument answers 400 invalid-json for this.
        }
    }

    private static byte[] Multipart(string boundary, string kind, byte[] metadata, byte[] file)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n");
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n");
        body.Write(metadata);
        Write($"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
        body.Write(file);
        Write($"\r\n--{boundary}--\r\n");
        return body.ToArray();
    }

    private static void Run<T>(string parser, Gen<T> gen, Action<T> check)
    {
        var count = 0L;
        gen.Sample(
            input =>
            {
                Interlocked.Increment(ref count);
                check(input);
            },
            iter: Generated.Count);
        Report(parser, count, 0, "");
    }

    /// <summary>FUZZ_REPORT (set by scripts/fuzz.sh) collects one line per parser for BENCHMARKS.md.</summary>
    private static void Report(string parser, long inputs, int failures, string detail)
    {
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, $"{parser}\t{inputs}\t{failures}\t{detail}\n");
        }
    }
}
