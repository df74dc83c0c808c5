using System.Text;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// One pass over a PDF's raw bytes with the PDF lexer's own rules (strings, comments, names with #xx
/// escapes, stream data skipped): counts objects and streams, measures what every Flate stream expands
/// to (without keeping it), reads inside object streams, and notes JavaScript, launch actions and
/// embedded files. It runs before PdfPig sees the file, so a bomb never reaches the parser.
/// </summary>
internal sealed class PdfScan
{
    /// <summary>A stream the parser itself expands in memory (page content, fonts, object streams) may not pass this.</summary>
    public const long MaxParsedStreamBytes = 8L * 1024 * 1024;

    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal) { "JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles" };

    private readonly byte[] pdf;
    private ObjectState current = new();

    private PdfScan(byte[] pdf) => this.pdf = pdf;

    public int Objects { get; private set; }
    public int Streams { get; private set; }
    public long DecodedBytes { get; private set; }
    public bool ActiveContent { get; private set; }

    /// <summary>True when the scan stopped at a bound; the counts then stand just past it.</summary>
    public bool OverLimit { get; private set; }

    public static PdfScan Run(byte[] pdf)
    {
        var scan = new PdfScan(pdf);
        scan.Lex(0, pdf.Length, inObjectStream: false);
        return scan;
    }

    private void Lex(int start, int end, bool inObjectStream)
    {
        var i = start;
        while (i < end && !OverLimit)
        {
            var c = pdf[i];
            if (IsWhite(c))
            {
                i++;
            }
            else if (c == '%')
            {
                while (i < end && pdf[i] is not ((byte)'\r' or (byte)'\n'))
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                i = SkipLiteral(i, end);
            }
            else if (c == '<')
            {
                i = i + 1 < end && pdf[i + 1] == '<' ? i + 2 : SkipPast(i, end, (byte)'>');
            }
            else if (c == '/')
            {
                var stop = RegularEnd(i + 1, end);
                OnName(Name(i + 1, stop));
                i = stop;
            }
            else if (IsDelimiter(c))
            {
                i++;
            }
            else
            {
                var stop = RegularEnd(i, end);
                i = OnKeyword(i, stop, end, inObjectStream);
            }
        }
    }

    private void OnName(string name)
    {
        ActiveContent |= ActiveNames.Contains(name);
        switch (name)
        {
            case "FlateDecode" or "Fl":
                current.FlateLayers++;
                break;
            case "Image":
                current.Image = true;
                break;
            case "ObjStm":
                current.ObjectStream = true;
                break;
        }

        current.ExpectCount = name == "N";
    }

    /// <summary>Handles a bare token; returns where lexing goes on (past a stream's data).</summary>
    private int OnKeyword(int start, int stop, int end, bool inObjectStream)
    {
        var token = pdf.AsSpan(start, stop - start);
        if (current.ExpectCount && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            current.DeclaredCount = count;
        }

        current.ExpectCount = false;
        if (token.SequenceEqual("obj"u8))
        {
            Objects++;
            current = new ObjectState();
            OverLimit |= Objects > FileRules.MaxPdfObjects;
        }
        else if (token.SequenceEqual("stream"u8) && !inObjectStream)
        {
            return Stream(stop, end);
        }

        return stop;
    }

    private int Stream(int keywordEnd, int end)
    {
        var data = keywordEnd;
        data += data < end && pdf[data] == '\r' ? 1 : 0;
        data += data < end && pdf[data] == '\n' ? 1 : 0;
        var close = pdf.AsSpan(data, end - data).IndexOf("endstream"u8);
        var dataEnd = close < 0 ? end : data + close;
        Streams++;
        OverLimit |= Streams > FileRules.MaxPdfStreams;
        if (current.FlateLayers > 0 && !OverLimit)
        {
            Measure(data, dataEnd - data);
        }

        current = new ObjectState();
        return close < 0 ? end : dataEnd + "endstream".Length;
    }

    private void Measure(int data, int length)
    {
        var layers = Math.Min(current.FlateLayers, 4);
        var budget = FileRules.MaxDecodedBytes - DecodedBytes;
        if (current.Image)
        {
            // Images are expanded only when shown; they count toward the file's total alone.
            DecodedBytes += Inflate.Count(pdf, data, length, layers, budget);
        }
        else if (current.ObjectStream)
        {
            var decoded = Inflate.Decode(pdf, data, length, layers, MaxParsedStreamBytes);
            DecodedBytes += decoded?.Length ?? MaxParsedStreamBytes + 1;
            OverLimit |= decoded is null;
            Objects += Math.Max(0, current.DeclaredCount);
            OverLimit |= Objects > FileRules.MaxPdfObjects;
            if (decoded is not null && !OverLimit)
            {
                new PdfScan(decoded).Nested(this);
            }
        }
        else
        {
            var expanded = Inflate.Count(pdf, data, length, layers, Math.Min(budget, MaxParsedStreamBytes));
            DecodedBytes += expanded;
            OverLimit |= expanded > MaxParsedStreamBytes;
        }

        OverLimit |= DecodedBytes > FileRules.MaxDecodedBytes;
    }

    /// <summary>The objects packed in an object stream: only names matter there (no streams inside).</summary>
    private void Nested(PdfScan outer)
    {
        Lex(0, pdf.Length, inObjectStream: true);
        outer.ActiveContent |= ActiveContent;
    }

    private int SkipLiteral(int i, int end)
    {
        var depth = 0;
        for (; i < end; i++)
        {
            switch (pdf[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')' when --depth == 0:
                    return i + 1;
            }
        }

        return end;
    }

    private int SkipPast(int i, int end, byte close)
    {
        var at = pdf.AsSpan(i, end - i).IndexOf(close);
        return at < 0 ? end : i + at + 1;
    }

    private int RegularEnd(int i, int end)
    {
        while (i < end && !IsWhite(pdf[i]) && !IsDelimiter(pdf[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>A name with its #xx escapes resolved (/J#61vaScript is /JavaScript).</summary>
    private string Name(int start, int stop)
    {
        if (stop - start > 64)
        {
            return "";
        }

        var builder = new StringBuilder(stop - start);
        for (var i = start; i < stop; i++)
        {
            if (pdf[i] == '#' && i + 2 < stop && Uri.IsHexDigit((char)pdf[i + 1]) && Uri.IsHexDigit((char)pdf[i + 2]))
            {
                builder.Append((char)Convert.ToByte(Encoding.ASCII.GetString(pdf, i + 1, 2), 16));
                i += 2;
            }
            else
            {
                builder.Append((char)pdf[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    /// <summary>What the dictionary of the object being read said about its stream.</summary>
    private sealed class ObjectState
    {
        public int FlateLayers { get; set; }
        public bool Image { get; set; }
        public bool ObjectStream { get; set; }
        public bool ExpectCount { get; set; }
        public int DeclaredCount { get; set; }
    }
}
