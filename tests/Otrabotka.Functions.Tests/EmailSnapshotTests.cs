using System.Runtime.CompilerServices;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Every e-mail, rendered in every language with realistic values (a long Kazakh organisation name, an
/// amount over a million), compared with the approved text in Snapshots/&lt;kind&gt;.&lt;lang&gt;.txt, so that a
/// change of wording shows as a diff in review.
///
/// To re-approve after an intended text change, run with the environment variable set and review the diff:
///   OTRABOTKA_APPROVE_SNAPSHOTS=1 dotnet test tests/Otrabotka.Functions.Tests --filter FullyQualifiedName~EmailSnapshotTests
///   git diff tests/Otrabotka.Functions.Tests/Snapshots
/// Without the variable a missing or different snapshot fails the test.
/// </summary>
public sealed class EmailSnapshotTests
{
    private const string ApproveVariable = "OTRABOTKA_APPROVE_SNAPSHOTS";

    private static readonly NoticeModel Realistic = new(
        GraduateName: "Айгерім Нұрланқызы Сапарова",
        Document: DocumentKind.EmploymentConfirmation,
        Reasons: [DomainReasons.WorkplaceNotRural.Message, OperatorReasons.Text("dates-mismatch")],
        Link: "https://otrabotka.example.kz/confirm#t=eyJnIjoiZzAxIn0.c2lnbmF0dXJl",
        EmployerName: "Қарағанды облысы білім басқармасының «Қарқаралы ауданы Егіндібұлақ ауылының жалпы білім беретін мектебі» коммуналдық мемлекеттік мекемесі",
        Position: "бастауыш сынып мұғалімі",
        Date: new DateOnly(2025, 9, 1),
        Amount: 2_666_506.85m,
        BudgetCost: 4_275_000m,
        RequiredDays: 1095,
        CreditedDays: 412)
    {
        GraduateSex = Sex.Female,
        OperatorNote = "Бұйрықтағы күн 01.10.2025, өтінімде 01.09.2025.",
        LinkDays = 14,
        AtRiskGapDays = 90,
        ReconfirmationMonths = 6,
    };

    public static TheoryData<NotificationKind, string> Every()
    {
        var data = new TheoryData<NotificationKind, string>();
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                data.Add(kind, Wire.Name(language));
            }

            if (kind is NotificationKind.EmployerRequest or NotificationKind.ReminderEmployerNoAnswer)
            {
                data.Add(kind, "kk-ru");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_email_matches_its_approved_snapshot(NotificationKind kind, string language)
    {
        var bilingual = language == "kk-ru";
        Wire.TryParse<Language>(language, out var single);
        var (subject, text, _) = Templates.Render(kind, bilingual ? Language.Kk : single, Realistic, bilingual);
        var actual = $"Subject: {subject}\n\n{text}\n";
        var file = Path.Combine(SnapshotDirectory(), $"{Wire.Name(kind)}.{language}.txt");

        if (Environment.GetEnvironmentVariable(ApproveVariable) == "1")
        {
            File.WriteAllText(file, actual, new UTF8Encoding(false));
        }

        if (language != "en")
        {
            Assert.Empty(TextCatalogTests.LatinWords(subject + "\n" + text));
        }

        Assert.True(File.Exists(file), $"No approved snapshot {file}; run with {ApproveVariable}=1 and review the new file.");
        Assert.Equal(File.ReadAllText(file, Encoding.UTF8).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void No_snapshot_is_left_over_from_a_removed_email()
    {
        var expected = Every().Select(row => $"{Wire.Name((NotificationKind)row[0])}.{row[1]}.txt").ToHashSet(StringComparer.Ordinal);
        var present = Directory.GetFiles(SnapshotDirectory(), "*.txt").Select(Path.GetFileName).ToList();
        Assert.All(present, name => Assert.Contains(name!, expected));
        Assert.Equal(expected.Count, present.Count);
    }

    private static string SnapshotDirectory([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots");
}
