using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record CheckTermsView(string CategoryName, int Months, int RequiredDays, DateOnly Start, string LocationRule);
