using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>An operator declares default as of a date: the amount owed is fixed then (п.17-1), and the graduate is told how it was computed.</summary>
public sealed class DeclareDefault(GraduateRepository repository, ReadObligation obligations, DocumentChanges changes, TimeProvider time)
{
    /// <summary>Declares default as of a date: the amount owed is fixed then (п.17-1), and the graduate is told how it was computed.</summary>
    public async Task<Outcome<ObligationView>> RunAsync(GraduateRecord g, Fields body, Language language, CancellationToken cancellationToken)
    {
        var asOf = body.Date("asOf");
        var note = body.Required("note", 2000);
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        if (asOf > Almaty.Today(time))
        {
            return Problem.Invalid([new FieldError("asOf", DomainReasons.DateInFuture.Code, DomainReasons.DateInFuture.Message)]);
        }

        if (asOf < g.Obligation.GraduationDate)
        {
            // There is no obligation before graduation: a date like 0001-01-01 would default the graduate and mail them the full amount.
            return Problem.Invalid([new FieldError("asOf", DomainReasons.DefaultBeforeGraduation.Code, DomainReasons.DefaultBeforeGraduation.Message)]);
        }

        return await RetryPolicy.RunAsync(attempt => DeclareOnceAsync(g.Id, new DefaultDeclaration(asOf, note), language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    private async Task<Outcome<ObligationView>> DeclareOnceAsync(string graduateId, DefaultDeclaration declaration, Language language, CancellationToken cancellationToken)
    {
        if (await repository.LoadAsync(graduateId, cancellationToken) is not { } unit)
        {
            return Problem.NotFound;
        }

        var fresh = unit.Graduate;
        var ledger = GraduateLedger.Compute(fresh, unit.Documents, declaration.AsOf);
        var today = Almaty.Today(time);
        var declared = DefaultRules.Declare(ledger, fresh.Default, declaration.Note, declaration.AsOf == today ? ledger : GraduateLedger.Compute(fresh, unit.Documents, today));
        if (!declared.IsValid)
        {
            return new Problem(Refusal.Conflict, declared.Reasons[0].Code, declared.Reasons[0].Message);
        }

        unit.Update(fresh with { Default = declared.Value, DefaultAmount = ledger.OwedIfStopped, Status = ObligationStatus.Defaulted });
        var notice = new Notice(fresh.Email, NotificationKind.DefaultDeclared, fresh.Language, new NoticeModel(
            GraduateName: fresh.FullName, Date: declaration.AsOf, Amount: ledger.OwedIfStopped, BudgetCost: fresh.Obligation.BudgetCost, RequiredDays: ledger.RequiredDays, CreditedDays: ledger.CreditedDays)
        {
            GraduateSex = NoticeModel.SexOf(fresh.Iin),
        });
        await changes.CommitAsync(unit, [notice], null, cancellationToken);
        return await obligations.RunAsync(graduateId, language, cancellationToken);
    }
}
