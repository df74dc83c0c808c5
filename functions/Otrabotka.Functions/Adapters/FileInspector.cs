using System.Buffers.Binary;
using System.IO.Compression;
using Otrabotka.Domain;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// Finds out what a file really is, from its bytes: the type by magic numbers, whether a PDF opens with
/// PdfPig, is encrypted, and how many pages it has; whether a PNG or JPEG decodes structurally.
/// The rules that judge these facts are the domain's (FileRules).
/// </summary>
public static class FileInspector
{
    public static FileFacts Inspect(byte[] content, string? duplicateOf)
    {
        var type = FileRules.Sniff(content);
        return type switch
        {
            FileType.Pdf => InspectPdf(content, duplicateOf),
            FileType.Png => new FileFacts(content.Length, type, PngDecodes(content), false, 1, duplicateOf),
            FileType.Jpeg => new FileFacts(content.Length, type, JpegDecodes(content), false, 1, duplicateOf),
            _ => new FileFacts(content.Length, type, false, false, 0, duplicateOf),
        };
    }

    private static FileFacts InspectPdf(byte[] content, string? duplicateOf)
    {
        // PdfPig recovers from much damage; a file with no end-of-file marker was cut short in transit,
        // and a trailer naming an encryption dictionary means the file is encrypted, whatever PdfPig manages.
        var tail = System.Text.Encoding.ASCII.GetString(content, Math.Max(0, content.Length - 1024), Math.Min(1024, content.Length));
        if (!tail.Contains("%%EOF", StringComparison.Ordinal))
        {
            return new FileFacts(content.Length, FileType.Pdf, false, false, 0, duplicateOf);
        }

        if (content.AsSpan().IndexOf("/Encrypt"u8) >= 0)
        {
            return new FileFacts(content.Length, FileType.Pdf, false, true, 0, duplicateOf);
        }

        try
        {
            // Lenient: scanners and phones write PDFs with small defects (a missing cross-reference table)
            // that every viewer opens; refusing them would only send graduates back for nothing.
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true });
            var encrypted = document.IsEncrypted;
            var pages = document.NumberOfPages;
            if (!encrypted && pages > 0)
            {
                // Touch the first page so a broken page tree is found now, not by the reviewer.
                _ = document.GetPage(1);
            }

            return new FileFacts(content.Length, FileType.Pdf, true, encrypted, pages, duplicateOf);
        }
        catch (PdfDocumentEncryptedException)
        {
            return new FileFacts(content.Length, FileType.Pdf, false, true, 0, duplicateOf);
        }
#pragma warning disable CA1031 // Any parser failure means the file does not open; it is a result, not an error.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new FileFacts(content.Length, FileType.Pdf, false, false, 0, duplicateOf);
        }
    }

    /// <summary>Walks the chunks (CRC-checked), then inflates the image data and checks its length against the header.</summary>
    public static bool PngDecodes(byte[] png)
    {
        try
        {
            var offset = 8;
            int width = 0, height = 0, bitDepth = 0, colorType = 0;
            var interlaced = false;
            using var idat = new MemoryStream();
            var sawEnd = false;
            while (offset + 12 <= png.Length)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
                if (length < 0 || offset + 12 + length > png.Length)
                {
                    return false;
                }

                var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
                var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
                if (Crc32(png.AsSpan(offset + 4, 4 + length)) != crc)
                {
                    return false;
                }

                var data = png.AsSpan(offset + 8, length);
                switch (type)
                {
                    case "IHDR":
                        width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                        height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                        bitDepth = data[8];
                        colorType = data[9];
                        interlaced = data[12] != 0;
                        break;
                    case "IDAT":
                        idat.Write(data);
                        break;
                    case "IEND":
                        sawEnd = true;
                        break;
                }

                offset += 12 + length;
                if (sawEnd)
                {
                    break;
                }
            }

            if (!sawEnd || width <= 0 || height <= 0 || idat.Length == 0)
            {
                return false;
            }

            var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
            if (channels == 0)
            {
                return false;
            }

            idat.Position = 0;
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = inflate.Read(buffer)) > 0)
            {
                total += read;
            }

            var rowBytes = (((long)width * channels * bitDepth) + 7) / 8;
            return interlaced ? total > 0 : total == (rowBytes + 1) * height;
        }
#pragma warning disable CA1031 // A malformed image is a result, not an error.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Walks the JPEG markers to the start of scan and checks the image ends with EOI.</summary>
    public static bool JpegDecodes(byte[] jpeg)
    {
        if (jpeg.Length < 4 || jpeg[^2] != 0xFF || jpeg[^1] != 0xD9)
        {
            return false;
        }

        var offset = 2;
        var sawFrame = false;
        while (offset + 4 <= jpeg.Length)
        {
            if (jpeg[offset] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[offset + 1];
            if (marker == 0xDA)
            {
                return sawFrame;
            }

            var length = (jpeg[offset + 2] << 8) | jpeg[offset + 3];
            if (length < 2)
            {
                return false;
            }

            sawFrame |= marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            offset += 2 + length;
        }

        return false;
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
