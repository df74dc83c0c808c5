using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>One chunk of a registry file: each valid entry written unless stored the same; a bad row (wrong BIN check digit…) reported with its line.</summary>
public sealed class ImportRegistryChunk(EmployerRegistryStore registry)
{
    public async Task<ChunkTally> RunAsync(FeedFile file, TextReader text, int firstLine, CancellationToken cancellationToken)
    {
        var shape = EmployerRegistryCsv.Open(text);
        var problems = new List<FeedProblem>();
        int read = 0, applied = 0, unchanged = 0;
        var shift = firstLine - 2 + file.LineOffset;
        foreach (var line in shape.Lines)
        {
            read++;
            if (line.Entry is not { } entry)
            {
                problems.AddRange(line.Errors.Select(e => new FeedProblem(line.Line + shift, e.Code, e.Message)));
            }
            else if (await registry.PutAsync(entry, file.JobId, cancellationToken))
            {
                applied++;
            }
            else
            {
                unchanged++;
            }
        }

        return new ChunkTally(read, applied, unchanged, 0, problems);
    }
}
