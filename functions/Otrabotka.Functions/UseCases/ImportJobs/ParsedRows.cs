using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>The rows of a stretch of the file that parsed, and the lines that did not.</summary>
public sealed record ParsedRows(int Read, IReadOnlyList<(int Line, GraduateRecord Record)> Rows, IReadOnlyList<ImportProblem> Problems);
