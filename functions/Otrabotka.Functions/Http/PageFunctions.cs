using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Pages;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>
/// The pages, served by the app itself on literal routes only (no catch-all that could swallow /api, /confirm
/// or /dev). The home route matches the empty path alone (docs/decisions/0006-pages.md).
/// </summary>
public sealed class PageFunctions(PageResponses pages)
{
    [Function("HomePage")]
    public IActionResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request) =>
        pages.Html(request, "index.html");

    [Function("GraduatePage")]
    public IActionResult Graduate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "graduate")] HttpRequest request) =>
        pages.Html(request, "graduate.html");

    [Function("CheckPage")]
    public IActionResult Check([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "check")] HttpRequest request) =>
        pages.Html(request, "check.html");

    [Function("OperatorQueuePage")]
    public IActionResult OperatorQueue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator")] HttpRequest request) =>
        pages.Html(request, "operator.html");

    [Function("OperatorGraduatesPage")]
    public IActionResult OperatorGraduates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/graduates")] HttpRequest request) =>
        pages.Html(request, "operator-graduates.html");

    [Function("OperatorImportPage")]
    public IActionResult OperatorImport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/import")] HttpRequest request) =>
        pages.Html(request, "operator-import.html");

    [Function("OperatorDashboardPage")]
    public IActionResult OperatorDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/dashboard")] HttpRequest request) =>
        pages.Html(request, "operator-dashboard.html");

    [Function("OperatorAuditPage")]
    public IActionResult OperatorAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/audit")] HttpRequest request) =>
        pages.Html(request, "operator-audit.html");

    [Function("PageAsset")]
    public IActionResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{file}")] HttpRequest request, string file) =>
        pages.Asset(request, file) ?? Problems.Create(request, Problem.NotFound);
}
