namespace Otrabotka.Domain.Tests;

public sealed class ContactsTests
{
    [Theory]
    [InlineData(Language.Kk)]
    [InlineData(Language.Ru)]
    [InlineData(Language.En)]
    public void Both_Financial_Center_addresses_of_the_seed_end_every_message(Language language)
    {
        var text = string.Join("\n", Contacts.Lines(language));
        Assert.Contains("fincenter@fincenter.kz", text, StringComparison.Ordinal);
        Assert.Contains("fincenter2020@gmail.com", text, StringComparison.Ordinal);
    }
}
