using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Issue 11, M4: an employer's confirmation proves little when the address is the graduate's own. A
/// confirmation from a domain not yet verified for the employer's BIN still accepts the document, but is
/// flagged <c>employer-address-unverified</c> in the operators' check list; an operator's approval marks
/// the domain verified for that BIN. Public mail domains never become verified (they go to review).
/// </summary>
public sealed class EmployerAddressChecks(EmployerDomains domains, EmployerTokens tokens, GraduateRepository repository, StorageClients storage, TimeProvider time)
{
    public const string Unverified = "employer-address-unverified";
    public const string Verified = "employer-address-verified";

    /// <summary>After an employer confirmed by link: flag the document when its address's domain is not verified for the BIN.</summary>
    public async Task OnEmployerConfirmedAsync(string graduateId, Document document, CancellationToken cancellationToken)
    {
        if (Address(document) is not { } address || address.PublicMail || await domains.IsVerifiedAsync(address.Bin, address.Domain, cancellationToken))
        {
            return;
        }

        await domains.FlagAsync(new UnverifiedConfirmation(document.Id, graduateId, address.Bin, address.Domain, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>What was and was not verified about the employer's confirmation of this document.</summary>
    public async Task<IReadOnlyList<DocumentCheck>> ChecksAsync(string documentId, CancellationToken cancellationToken)
    {
        if (await DocumentAsync(documentId, cancellationToken) is not { } document || Address(document) is not { } address)
        {
            return [];
        }

        var checks = new List<DocumentCheck>
        {
            document.Link?.Used == true
                ? new("employer-answered", true, new("Жұмыс беруші сілтеме арқылы жауап берді.", "Работодатель ответил по ссылке.", "The employer answered through the link."))
                : new("employer-answered", false, new("Жұмыс беруші әлі жауап бермеді.", "Работодатель ещё не ответил.", "The employer has not answered.")),
        };
        if (address.PublicMail)
        {
            checks.Add(new("employer-address-public-mail", false, new($"{address.Domain} — жалпыға қолжетімді пошта; ұйымды растамайды.", $"{address.Domain} — публичная почта; организацию не подтверждает.", $"{address.Domain} is a public mail service; it proves no organisation.")));
        }
        else if (await domains.IsVerifiedAsync(address.Bin, address.Domain, cancellationToken))
        {
            checks.Add(new(Verified, true, new($"{address.Domain} доменінің БСН {address.Bin} үшін расталған.", $"Домен {address.Domain} подтверждён для БИН {address.Bin}.", $"The domain {address.Domain} is verified for BIN {address.Bin}.")));
        }
        else
        {
            checks.Add(new(Unverified, false, new($"{address.Domain} домені БСН {address.Bin} үшін әлі расталмаған.", $"Домен {address.Domain} ещё не подтверждён для БИН {address.Bin}.", $"The domain {address.Domain} is not yet verified for BIN {address.Bin}.")));
        }

        return checks;
    }

    /// <summary>An operator approves a flagged confirmation: the domain becomes verified for the BIN. False if nothing was flagged.</summary>
    public async Task<bool> ApproveFlaggedAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(documentId) || await domains.FlaggedAsync(documentId, cancellationToken) is not { } flagged)
        {
            return false;
        }

        await domains.VerifyAsync(flagged.EmployerBin, flagged.Domain, "operator", time.GetUtcNow(), cancellationToken);
        await domains.UnflagAsync(documentId, cancellationToken);
        return true;
    }

    /// <summary>An operator approved a document in review: an employer's answer from a non-public domain verifies that domain.</summary>
    public async Task OnOperatorApprovedAsync(string documentId, CancellationToken cancellationToken)
    {
        if (await DocumentAsync(documentId, cancellationToken) is { Link.Used: true } document && Address(document) is { PublicMail: false } address)
        {
            await domains.VerifyAsync(address.Bin, address.Domain, "operator", time.GetUtcNow(), cancellationToken);
        }
    }

    private sealed record EmployerAddress(string Bin, string Domain, bool PublicMail);

    private EmployerAddress? Address(Document document)
    {
        if (document.Claim is not EmploymentClaim job || document.Link is not { Email.Length: > 0 } link)
        {
            return null;
        }

        return new EmployerAddress(job.EmployerBin, EmployerDomains.DomainOf(link.Email), tokens.IsPublicMail(link.Email));
    }

    private async Task<Document?> DocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(documentId) || await DocumentIndex.OwnerAsync(storage, documentId, cancellationToken) is not { } graduateId)
        {
            return null;
        }

        return (await repository.LoadAsync(graduateId, cancellationToken))?.Find(documentId);
    }
}
