namespace Otrabotka.Domain;

/// <summary>Default (п.17-1) is declared by an operator, once, and never on an obligation that is completed or exempt.</summary>
public static class DefaultRules
{
    /// <summary>
    /// A declaration as of the ledger's date (<paramref name="asOfDeclaration"/> is the ledger computed for
    /// that day), or the reason it is refused.
    /// </summary>
    public static Checked<DefaultDeclaration> Declare(Ledger asOfDeclaration, DefaultDeclaration? already, string note)
    {
        if (already is not null)
        {
            return Checked<DefaultDeclaration>.Fail(DomainReasons.AlreadyDefaulted);
        }

        return asOfDeclaration.Status is ObligationStatus.Completed or ObligationStatus.Exempt
            ? Checked<DefaultDeclaration>.Fail(DomainReasons.NotDefaultable)
            : Checked<DefaultDeclaration>.Ok(new DefaultDeclaration(asOfDeclaration.AsOf, note));
    }
}
