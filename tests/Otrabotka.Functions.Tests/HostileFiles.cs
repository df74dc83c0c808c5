using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Small PDFs, PNGs and JPEGs written byte by byte (with a correct cross-reference table), plain or with
/// one hostile addition each: a decompression bomb, active content, a ZIP riding along, a huge header.
/// </summary>
internal static class HostileFiles
{
    private const string Catalog = "<< /Type /Catalog /Pages 2 0 R >>";
    private const string PageTree = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    private const string Page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    private const string Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    /// <summary>A one-page PDF whose page says <paramref name="text"/>; extra objects are numbered from 6.</summary>
    public static byte[] Pdf(string text = "Anyqtama", string catalog = Catalog, params byte[][] extra)
    {
        var content = Encoding.Latin1.GetBytes($"BT /F1 12 Tf 50 700 Td ({text}) Tj ET");
        var objects = new List<byte[]>
        {
            Latin(catalog),
            Latin(PageTree),
            Latin(Page),
            Stream($"<< /Length {content.Length} >>", content),
            Latin(Font),
        };
        objects.AddRange(extra);
        return Write(objects);
    }

    public static byte[] Latin(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] Stream(string dictionary, byte[] data) =>
        [.. Latin(dictionary + "\nstream\n"), .. data, .. Latin("\nendstream")];

    /// <summary>A Flate stream of <paramref name="bytes"/> zeros (a 1 MB stream of zeros expands ~1,000-fold).</summary>
    public static byte[] Zeros(long bytes, int layers = 1)
    {
        var data = Deflate(bytes, null);
        for (var layer = 1; layer < layers; layer++)
        {
            data = Deflate(data.Length, data);
        }

        return data;
    }

    private static byte[] Deflate(long length, byte[]? content)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            if (content is not null)
            {
                z.Write(content);
            }
            else
            {
                var block = new byte[1 << 20];
                for (long written = 0; written < length; written += block.Length)
                {
                    z.Write(block, 0, (int)Math.Min(block.Length, length - written));
                }
            }
        }

        return output.ToArray();
    }

    public static byte[] Compress(string text) => Deflate(0, Latin(text));

    /// <summary>A ZIP archive of one stored file, its end record's comment taking <paramref name="commentTail"/> bytes of what follows.</summary>
    public static byte[] Zip(int commentTail = 0)
    {
        var name = "payload.exe"u8.ToArray();
        var body = "MZ payload"u8.ToArray();
        using var zip = new MemoryStream();
        var writer = new BinaryWriter(zip);
        writer.Write(0x04034b50u); writer.Write((ushort)10); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write(0u);
        writer.Write(0u); writer.Write((uint)body.Length); writer.Write((uint)body.Length); writer.Write((ushort)name.Length); writer.Write((ushort)0);
        writer.Write(name); writer.Write(body);
        var central = (uint)zip.Position;
        writer.Write(0x02014b50u); writer.Write((ushort)10); writer.Write((ushort)10); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write(0u);
        writer.Write(0u); writer.Write((uint)body.Length); writer.Write((uint)body.Length); writer.Write((ushort)name.Length); writer.Write((ushort)0);
        writer.Write((ushort)0); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write(0u); writer.Write(0u); writer.Write(name);
        var size = (uint)zip.Position - central;
        writer.Write(0x06054b50u); writer.Write((ushort)0); writer.Write((ushort)0); writer.Write((ushort)1); writer.Write((ushort)1);
        writer.Write(size); writer.Write(central); writer.Write((ushort)commentTail);
        writer.Flush();
        return zip.ToArray();
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> over a few bytes of data.</summary>
    public static byte[] PngHeader(uint width, uint height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Api.Chunk(png, "IHDR", ihdr);
        Api.Chunk(png, "IDAT", Zeros(1 << 20));
        Api.Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A minimal baseline JPEG structure: SOI, a frame header, a scan, its data, EOI.</summary>
    public static byte[] Jpeg(ushort width = 4, ushort height = 3, byte[]? comment = null)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        if (comment is not null)
        {
            jpeg.Write([0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)]);
            jpeg.Write(comment);
        }

        jpeg.Write([0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x01, 0x01, 0x11, 0x00]);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.Write([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static byte[] Write(List<byte[]> objects)
    {
        using var pdf = new MemoryStream();
        pdf.Write(Latin("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Latin($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Latin("\nendobj\n"));
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin(table.ToString()));
        return pdf.ToArray();
    }
}
