using System.Net;
using System.Text.Json.Nodes;

namespace Otrabotka.Functions.Tests;

/// <summary>History shows the role to everyone; the operator's own subject only on operator routes.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ActorHistoryTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task An_operators_decision_records_the_operator_subject_shown_to_operators_only()
    {
        var (graduateId, _, token) = await api.RegisterAsync();
        using var filed = await api.UploadAsync(api.OperatorToken, "deferral-proof", new { serviceStart = "2025-10-01", serviceEnd = "2026-09-30" }, Api.Pdf(), path: $"/api/graduates/{graduateId}/documents");
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        var id = JsonNode.Parse(await filed.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var reviewer = host.Token("operator", "operator-7");
        await api.JsonAsync(HttpMethod.Post, $"/api/review/documents/{id}/decision", reviewer, new { decision = "approve", note = "checked" });

        var asOperator = (await api.JsonAsync(HttpMethod.Get, $"/api/review/documents/{id}", reviewer))["history"]!.AsArray();
        Assert.Equal("operator-1", asOperator[0]!["actorId"]!.GetValue<string>());
        var decision = asOperator.Last(h => h!["status"]!.GetValue<string>() == "accepted")!;
        Assert.Equal("operator", decision["actor"]!.GetValue<string>());
        Assert.Equal("operator-7", decision["actorId"]!.GetValue<string>());
        Assert.All(asOperator.Where(h => h!["actor"]!.GetValue<string>() != "operator"), h => Assert.Null(h!["actorId"]));

        var asGraduate = (await api.JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token))["history"]!.AsArray();
        Assert.Equal("operator", asGraduate.Last()!["actor"]!.GetValue<string>());
        Assert.All(asGraduate, h => Assert.Null(h!["actorId"]));
    }
}
