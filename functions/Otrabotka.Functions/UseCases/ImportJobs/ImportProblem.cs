using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>One problem on one line, before it is rendered in the importer's language.</summary>
public sealed record ImportProblem(int Line, string Code, Text Detail);
