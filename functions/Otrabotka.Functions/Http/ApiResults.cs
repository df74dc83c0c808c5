using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>Results serialized with the app's own wire options, so both hosts answer byte for byte alike.</summary>
public static class ApiResults
{
    public static ContentResult Json(object value, int status = 200) => new()
    {
        StatusCode = status,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(value, value.GetType(), UseCases.Json.Options),
    };
}
