using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record CheckReasonView(string Code, string Message, string? Law);
