using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.UseCases.DocumentViews;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate's documents, newest first.</summary>
public sealed class ListDocuments(GraduateRepository repository)
{
    public async Task<Outcome<IReadOnlyList<DocumentView>>> RunAsync(GraduateRecord graduate, Language language, CancellationToken cancellationToken)
    {
        var unit = await repository.LoadAsync(graduate.Id, cancellationToken);
        var documents = unit?.Documents ?? [];
        return Outcome<IReadOnlyList<DocumentView>>.Ok(documents.OrderByDescending(d => d.ReceivedAt).Select(d => View(d, [], language)).ToList());
    }
}
