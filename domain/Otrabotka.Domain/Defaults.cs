namespace Otrabotka.Domain;

/// <summary>Default (п.17-1) is declared by an operator, once, and never on an obligation that is completed or exempt.</summary>
public static class DefaultRules
{
    /// <summary>
    /// A declaration as of the ledger's date (<paramref name="asOfDeclaration"/> is the ledger computed for
    /// that day), or the reason it is refused. A backdated one is refused too when the obligation is completed or
    /// exempt today (<paramref name="today"/>, when given): an exemption recorded after the date would otherwise leave
    /// a graduate both exempt and in default, told they owe the full amount while every view shows nothing owed.
    /// </summary>
    public static Checked<DefaultDeclaration> Declare(Ledger asOfDeclaration, DefaultDeclaration? already, string note, Ledger? today = null)
    {
        if (already is not null)
        {
            return Checked<DefaultDeclaration>.Fail(DomainReasons.AlreadyDefaulted);
        }

        return asOfDeclaration.Status is ObligationStatus.Completed or ObligationStatus.Exempt || today?.Status is ObligationStatus.Completed or ObligationStatus.Exempt
            ? Checked<DefaultDeclaration>.Fail(DomainReasons.NotDefaultable)
            : Checked<DefaultDeclaration>.Ok(new DefaultDeclaration(asOfDeclaration.AsOf, note));
    }
}
