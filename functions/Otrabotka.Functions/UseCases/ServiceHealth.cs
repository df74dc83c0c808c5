using System.Diagnostics;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

public sealed record ServiceHealth(bool Reachable, long Milliseconds, string? Error);
