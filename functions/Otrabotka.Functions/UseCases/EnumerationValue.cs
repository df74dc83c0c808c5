using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>One value of an enumeration: its wire name and its name in each language.</summary>
public sealed record EnumerationValue(string Value, Text Name);
