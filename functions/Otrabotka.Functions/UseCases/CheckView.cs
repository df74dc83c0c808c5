using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record CheckView(bool Counts, string Verdict, CheckTermsView? Terms, IReadOnlyList<CheckReasonView> Reasons, IReadOnlyList<CheckReasonView> Warnings);
