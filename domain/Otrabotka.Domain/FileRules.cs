namespace Otrabotka.Domain;

public enum FileType
{
    Unknown,
    Pdf,
    Jpeg,
    Png,
}

/// <summary>What an adapter found out about an uploaded file; the rules below judge it.</summary>
public sealed record FileFacts(long Length, FileType Type, bool Opens, bool Encrypted, int Pages, string? DuplicateOfDocumentId)
{
    /// <summary>Bytes the file expands to when decompressed (counted up to just past the bound, never held).</summary>
    public long DecodedBytes { get; init; }

    /// <summary>Width × height of an image, as its header declares.</summary>
    public long Pixels { get; init; }

    /// <summary>PDF objects (including those packed in object streams) and streams.</summary>
    public int Objects { get; init; }

    public int Streams { get; init; }

    /// <summary>JavaScript, a launch action or an embedded file.</summary>
    public bool ActiveContent { get; init; }

    /// <summary>Bytes after the format's end (PDF %%EOF, JPEG EOI, PNG IEND), or a ZIP archive riding along.</summary>
    public bool TrailingData { get; init; }
}

/// <summary>File sanity (rules.md, Documents): type by content, ≤ 20 MB, PDF opens, not encrypted, 1–50 pages, images decode, no duplicate.</summary>
public static class FileRules
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxPages = 50;

    /// <summary>What a file may expand to: a 50-page scan of 8-bit grey pages at 300 dpi is ≈ 440 MB.</summary>
    public const long MaxDecodedBytes = 512L * 1024 * 1024;

    /// <summary>100 megapixels: above every phone camera whose photo fits in 20 MB.</summary>
    public const long MaxPixels = 100_000_000;

    public const int MaxPdfObjects = 100_000;
    public const int MaxPdfStreams = 20_000;

    public static readonly Reason Empty = new("file-empty", new("Файл бос.", "Файл пуст.", "The file is empty."));
    public static readonly Reason TooLarge = new("file-too-large", new("Файл 20 МБ-тан үлкен.", "Файл больше 20 МБ.", "The file is larger than 20 MB."));
    public static readonly Reason UnsupportedType = new("file-type-unsupported",
        new("Тек PDF, JPEG немесе PNG файлдары қабылданады.", "Принимаются только файлы PDF, JPEG или PNG.", "Only PDF, JPEG or PNG files are accepted."));
    public static readonly Reason Corrupt = new("file-corrupt", new("Файл бүлінген немесе ашылмайды.", "Файл повреждён или не открывается.", "The file is damaged or cannot be opened."));
    public static readonly Reason Encrypted = new("file-encrypted", new("PDF құпиясөзбен қорғалған.", "PDF защищён паролем.", "The PDF is password-protected."));
    public static readonly Reason TooManyPages = new("file-too-many-pages", new("PDF-те 50 беттен көп.", "В PDF больше 50 страниц.", "The PDF has more than 50 pages."));
    public static readonly Reason NoPages = new("file-no-pages", new("PDF-те бет жоқ.", "В PDF нет страниц.", "The PDF has no pages."));
    public static readonly Reason DecodedTooLarge = new("file-decoded-too-large",
        new("Файл ашылғанда тым үлкен болады (қысылған деректер шегінен асады).", "Файл после распаковки слишком велик (превышен предел сжатых данных).", "The file expands to too much data when opened."));
    public static readonly Reason TooManyPixels = new("file-too-many-pixels",
        new("Сурет тым үлкен: 100 мегапиксельден көп.", "Изображение слишком большое: больше 100 мегапикселей.", "The image is too large: more than 100 megapixels."));
    public static readonly Reason TooComplex = new("file-too-complex",
        new("PDF құрылымы тым күрделі (нысандар тым көп).", "Структура PDF слишком сложная (слишком много объектов).", "The PDF's structure is too complex (too many objects)."));
    public static readonly Reason ActiveContent = new("file-active-content",
        new("PDF-те скрипт, бағдарлама іске қосу әрекеті немесе ендірілген файл бар. Құжатты қайта сақтаңыз (мысалы, «PDF-ке басып шығару»).",
            "PDF содержит скрипт, запуск программы или вложенный файл. Сохраните документ заново (например, «Печать в PDF»).",
            "The PDF contains a script, a launch action or an embedded file. Save the document again (for example, 'Print to PDF')."));
    public static readonly Reason TrailingData = new("file-trailing-data",
        new("Файлдың соңынан кейін басқа деректер бар. Құжатты қайта сақтаңыз немесе скриншот жіберіңіз.",
            "После конца файла есть посторонние данные. Сохраните документ заново или пришлите снимок экрана.",
            "There is other data after the end of the file. Save the document again or send a screenshot."));
    public static readonly Reason Duplicate = new("duplicate-file",
        new("Бұл файл бұрын жүктелген.", "Этот файл уже загружался.", "This file was uploaded before."));

    /// <summary>Reads the type from the first bytes (magic numbers), never from the name or declared content type.</summary>
    public static FileType Sniff(ReadOnlySpan<byte> header) => header switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => FileType.Pdf,
        [0xFF, 0xD8, 0xFF, ..] => FileType.Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => FileType.Png,
        _ => FileType.Unknown,
    };

    /// <summary>Checks that need no reading of the body: run them first, before a byte is downloaded.</summary>
    public static Reason? CheckLength(long length) => length == 0 ? Empty : length > MaxBytes ? TooLarge : null;

    public static IReadOnlyList<Reason> Check(FileFacts facts)
    {
        if (CheckLength(facts.Length) is { } length)
        {
            return [length];
        }

        if (facts.Type == FileType.Unknown)
        {
            return [UnsupportedType];
        }

        if (Hazard(facts) is { } hazard)
        {
            return [hazard];
        }

        if (facts.Encrypted)
        {
            return [Encrypted];
        }

        if (!facts.Opens)
        {
            return [Corrupt];
        }

        var reasons = new List<Reason>();
        if (facts.Type == FileType.Pdf && facts.Pages == 0)
        {
            reasons.Add(NoPages);
        }

        if (facts.Pages > MaxPages)
        {
            reasons.Add(TooManyPages);
        }

        if (facts.DuplicateOfDocumentId is not null)
        {
            reasons.Add(Duplicate);
        }

        return reasons;
    }

    /// <summary>A file that hides something or would exhaust the reader is refused before any other judgement.</summary>
    private static Reason? Hazard(FileFacts facts)
    {
        if (facts.TrailingData)
        {
            return TrailingData;
        }

        if (facts.ActiveContent)
        {
            return ActiveContent;
        }

        if (facts.Pixels > MaxPixels)
        {
            return TooManyPixels;
        }

        if (facts.DecodedBytes > MaxDecodedBytes)
        {
            return DecodedTooLarge;
        }

        return facts.Objects > MaxPdfObjects || facts.Streams > MaxPdfStreams ? TooComplex : null;
    }
}
