using System.Buffers.Binary;
using System.IO.Compression;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Otrabotka.Functions.Tests;

/// <summary>PDFs made by the tests: a large one whose image is noise, so compression cannot shrink it.</summary>
internal static class SamplePdfs
{
    /// <summary>A one-page PDF of about side × side × 3 bytes (a noise PNG drawn on the page).</summary>
    public static byte[] Large(int side = 1400)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddPng(NoisePng(side), new PdfRectangle(20, 20, 560, 560));
        return builder.Build();
    }

    private static byte[] NoisePng(int side)
    {
        var raw = new byte[side * (side * 3 + 1)];
        Random.Shared.NextBytes(raw);
        for (var y = 0; y < side; y++)
        {
            raw[y * (side * 3 + 1)] = 0;
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)side);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)side);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        s.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xFFFFFFFFu;
    }
}
