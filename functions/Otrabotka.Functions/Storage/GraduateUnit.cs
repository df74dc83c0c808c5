using Azure;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// One graduate's live rows, loaded at once, and the changes a use case makes to them: the profile, the
/// documents (domain aggregates), the file fingerprints and the reminder plan. The repository commits
/// what changed in one transaction, each row guarded by the ETag it was read with.
/// </summary>
public sealed class GraduateUnit
{
    private readonly List<Document> documents;
    private readonly Dictionary<string, ETag> documentETags;
    private readonly Dictionary<string, string> fingerprints;
    private readonly Dictionary<string, string> newFingerprints = new(StringComparer.Ordinal);
    private readonly List<CorrectionView> newCorrections = [];

    internal GraduateUnit(GraduateRecord graduate, List<Document> documents, Dictionary<string, ETag> documentETags, Dictionary<string, string> fingerprints, ReminderPlan plan)
    {
        Graduate = graduate;
        this.documents = documents;
        this.documentETags = documentETags;
        this.fingerprints = fingerprints;
        Plan = plan;
        LoadedPlan = plan;
    }

    /// <summary>A unit for adding new documents, without reading the partition (nothing else is written).</summary>
    public static GraduateUnit Starting(GraduateRecord graduate) => new(graduate, [], [], [], ReminderPlan.None) { Loaded = false };

    /// <summary>Read from the partition (a starting unit is not: it knows none of the graduate's other rows).</summary>
    public bool Loaded { get; private init; } = true;

    public GraduateRecord Graduate { get; private set; }

    public bool ProfileChanged { get; private set; }

    public IReadOnlyList<Document> Documents => documents;

    /// <summary>The reminders planned for this graduate when the unit was loaded (or as replanned).</summary>
    public ReminderPlan Plan { get; private set; }

    public bool PlanChanged { get; private set; }

    public Document? Find(string documentId) => documents.FirstOrDefault(d => d.Id == documentId);

    public void Add(Document document) => documents.Add(document);

    public void Update(GraduateRecord graduate)
    {
        Graduate = graduate with { ETag = Graduate.ETag };
        ProfileChanged = true;
    }

    /// <summary>An operator's correction of the profile, committed with it (append-only).</summary>
    public void Correct(GraduateRecord graduate, CorrectionView correction)
    {
        Update(graduate);
        newCorrections.Add(correction);
    }

    internal IReadOnlyList<CorrectionView> NewCorrections => newCorrections;

    /// <summary>The plan as it was read (its stamp row is replaced when the plan's stamp changes).</summary>
    public ReminderPlan LoadedPlan { get; }

    public void Replan(ReminderPlan plan)
    {
        Plan = plan with { ETag = Plan.ETag };
        PlanChanged = true;
    }

    /// <summary>The graduate's employer e-mails counted today, as read (null: none stored).</summary>
    public EmployerMailCount? EmployerMail { get; internal init; }

    /// <summary>An employer e-mail counted by this change: the count is written in its transaction (ETag-conditional).</summary>
    public void CountEmployerMail(EmployerMailCount count) => NewEmployerMail = count;

    internal EmployerMailCount? NewEmployerMail { get; private set; }

    /// <summary>The document whose accepted file had this SHA-256, if any.</summary>
    public string? FingerprintOwner(string sha256) =>
        newFingerprints.TryGetValue(sha256, out var owner) || fingerprints.TryGetValue(sha256, out owner) ? owner : null;

    public void Fingerprint(string sha256, string documentId) => newFingerprints[sha256] = documentId;

    internal IReadOnlyDictionary<string, string> NewFingerprints => newFingerprints;

    internal ETag ETagOf(Document document) => documentETags.GetValueOrDefault(document.Id);
}
