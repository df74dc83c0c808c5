using Otrabotka.Domain;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// A PDF's facts: first the raw scan (bounds, active content, trailing data), and only a file within the
/// bounds reaches PdfPig, which says whether it opens, whether its trailer names an encryption dictionary,
/// how many pages it has, and — object by object, as a reader resolves them — whether any dictionary
/// holds JavaScript, a launch action or an embedded file that the raw scan could not see.
/// </summary>
internal static class PdfInspector
{
    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal) { "JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles" };

    public static FileFacts Inspect(byte[] content, string? duplicateOf)
    {
        var facts = new FileFacts(content.Length, FileType.Pdf, false, false, 0, duplicateOf);
        var end = content.AsSpan().LastIndexOf("%%EOF"u8);
        if (end < 0)
        {
            // No end-of-file marker: cut short in transit.
            return facts;
        }

        var scan = PdfScan.Run(content);
        var tooMany = scan.Objects > FileRules.MaxPdfObjects || scan.Streams > FileRules.MaxPdfStreams;
        facts = facts with
        {
            Objects = scan.Objects,
            Streams = scan.Streams,

            // A scan stopped by one stream the parser would expand past its bound is a decoding refusal.
            DecodedBytes = scan.OverLimit && !tooMany ? Math.Max(scan.DecodedBytes, FileRules.MaxDecodedBytes + 1) : scan.DecodedBytes,
            ActiveContent = scan.ActiveContent,

            // Incremental updates end in their own %%EOF, so only the last one counts.
            TrailingData = !OnlyWhitespace(content.AsSpan(end + 5)) || ZipTail.Present(content),
        };

        return scan.OverLimit || facts.ActiveContent || facts.TrailingData ? facts : Open(content, facts);
    }

    private static FileFacts Open(byte[] content, FileFacts facts)
    {
        try
        {
            // Lenient: scanners and phones write PDFs with small defects (a missing cross-reference table)
            // that every viewer opens; refusing them would only send graduates back for nothing.
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true });
            if (document.Structure.Trailer.EncryptionToken is not null || document.IsEncrypted)
            {
                return facts with { Encrypted = true };
            }

            if (HasActiveObject(document))
            {
                return facts with { ActiveContent = true };
            }

            var pages = document.NumberOfPages;
            if (pages > 0)
            {
                // Touch the first page so a broken page tree is found now, not by the reviewer.
                _ = document.GetPage(1);
            }

            return facts with { Opens = true, Pages = pages };
        }
        catch (PdfDocumentEncryptedException)
        {
            return facts with { Encrypted = true };
        }
#pragma warning disable CA1031 // Any parser failure means the file does not open; it is a result, not an error.
        catch (Exception)
#pragma warning restore CA1031
        {
            return facts;
        }
    }

    private static bool HasActiveObject(PdfDocument document)
    {
        foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            IToken? token;
            try
            {
                token = document.Structure.GetObject(reference);
            }
#pragma warning disable CA1031 // An object PdfPig cannot read is judged by opening the document, not here.
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }

            if (Active(token, 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Active(IToken? token, int depth) => depth < 32 && token switch
    {
        ObjectToken o => Active(o.Data, depth + 1),
        StreamToken s => Active(s.StreamDictionary, depth + 1),
        DictionaryToken d => d.Data.Any(pair => ActiveNames.Contains(pair.Key) || Active(pair.Value, depth + 1)),
        ArrayToken a => a.Data.Any(item => Active(item, depth + 1)),
        NameToken n => ActiveNames.Contains(n.Data),
        _ => false,
    };

    private static bool OnlyWhitespace(ReadOnlySpan<byte> tail)
    {
        foreach (var c in tail)
        {
            if (c is not (0 or 9 or 10 or 12 or 13 or 32))
            {
                return false;
            }
        }

        return true;
    }
}
