using System.Net.Http.Headers;
using Otrabotka.ApiClient;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// A graduate's path driven only through the C# client NSwag generated at build time from the OpenAPI
/// document: if the contract drifts from what the functions do, this fails (or no longer compiles).
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class GeneratedClientTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task A_graduate_registers_uploads_is_confirmed_by_the_employer_and_sees_the_ledger_through_the_generated_client()
    {
        var iin = Api.NewIin();
        var employerEmail = $"hr-{iin}@generated-client.example.kz";
        using var operatorHttp = Authorized(api.OperatorToken);
        var operatorClient = new OtrabotkaClient(operatorHttp);
        var registered = await operatorClient.RegisterGraduateAsync("en", new GraduateRegistration
        {
            Iin = iin,
            FullName = "Айгерім Сапарова",
            Email = $"{iin}@graduate.example.kz",
            Language = Language.Kk,
            Category = Category.RuralQuota,
            Level = Level.Bachelor,
            SpecialtyGroup = SpecialtyGroup.Pedagogical,
            GraduationDate = new DateTimeOffset(2025, 6, 20, 0, 0, 0, TimeSpan.Zero),
            AdmissionYear = 2021,
            BudgetCost = 3_600_000,
            University = "ЕҰУ",
        });
        Assert.True(registered.Created);

        using var graduateHttp = Authorized(host.Token("graduate", iin));
        var graduate = new OtrabotkaClient(graduateHttp);
        var me = await graduate.GetMeAsync("en");
        Assert.Equal(registered.GraduateId, me.GraduateId);
        Assert.Equal(Category.RuralQuota, me.Category);
        var metadata = new EmploymentMeta
        {
            EmployerBin = Api.ValidBin(),
            EmployerName = "Ақсу мектебі",
            EmployerEmail = employerEmail,
            OrganisationKind = OrganisationKind.Education,
            Ownership = Ownership.State,
            Region = Region.Akmola,
            SettlementType = SettlementType.Village,
            Position = "мұғалім",
            StartDate = new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero),
        };
        using var file = new MemoryStream(Api.Pdf());
        var submitted = await graduate.SubmitMyDocumentAsync(
            $"generated-{iin}", "kk", DocumentKind.EmploymentConfirmation, DocumentMetadata.Of(metadata), new FileParameter(file, "contract.pdf", "application/pdf"));
        Assert.Equal($"/api/me/documents/{submitted.Id}", submitted.StatusUrl);

        var token = await api.EmployerTokenAsync(employerEmail);
        using var anonymousHttp = host.CreateClient();
        var employer = new OtrabotkaClient(anonymousHttp);
        var view = await employer.ViewConfirmationAsync("ru", new ConfirmationTokenRequest { Token = token });
        Assert.Equal(Region.Akmola, view.Region);
        var decided = await employer.DecideConfirmationAsync("ru", new ConfirmationDecisionRequest
        {
            Token = token, Decision = EmployerDecision.Confirm, ConfirmerName = "Сәуле Омарова", ConfirmerPosition = "директор",
        });
        Assert.Equal(DocumentStatus.Accepted, decided.Status);

        var document = await graduate.GetMyDocumentAsync(submitted.Id, "en");
        Assert.Equal(DocumentStatus.Accepted, document.Status);
        var obligation = await graduate.GetMyObligationAsync("en");
        Assert.Contains(obligation.Periods, p => p.Kind == PeriodKind.Employment && p.Credited);
        Assert.True(obligation.RequiredDays > 0);

        var refused = await Assert.ThrowsAsync<ApiException<ProblemBody>>(() => graduate.GetMyDocumentAsync("d0000000000000000000000000000000", "en"));
        Assert.Equal(404, refused.StatusCode);
        Assert.Equal("not-found", refused.Result.Code);
    }

    private HttpClient Authorized(string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
