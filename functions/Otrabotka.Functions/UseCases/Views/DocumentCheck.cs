using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>One thing an operator can see was, or was not, verified about a document.</summary>
public sealed record DocumentCheck(string Code, bool Verified, Text Detail);
