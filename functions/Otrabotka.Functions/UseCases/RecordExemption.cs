using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A commission's exemption decision recorded directly by an operator: checked by the same rules, accepted at once.</summary>
public sealed class RecordExemption(DocumentChanges changes, TimeProvider time)
{
    /// <summary>A commission's exemption decision recorded directly by an operator: checked by the same rules, accepted at once.</summary>
    public async Task<Outcome<DocumentView>> RunAsync(GraduateRecord g, Actor actor, Fields body, Language language, CancellationToken cancellationToken)
    {
        var (claim, errors) = ClaimFields.Parse(DocumentKind.ExemptionProof, body);
        if (claim is not ExemptionClaim exemption)
        {
            return Problem.Invalid(errors);
        }

        var reasons = ExemptionRules.Check(g.Obligation.Resolve(RuleTable.Default).Value!, exemption, Almaty.Today(time));
        if (reasons.Count > 0)
        {
            return Problem.FromReasons(Refusal.Unprocessable, "exemption-refused", reasons, "ground");
        }

        var unit = GraduateUnit.Starting(g);
        var document = Document.FileDecided(DocumentIndex.NewId(g.Id), exemption, time.GetUtcNow(), actor, "commission decision");
        unit.Add(document);
        await changes.CommitAsync(unit, cancellationToken);
        return Outcome<DocumentView>.Created(DocumentViews.View(document, document.NewHistory, language, forOperator: true));
    }
}
