using System.Buffers.Binary;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// PNG and JPEG facts from their structure: the declared size in pixels (checked before anything is
/// expanded), whether the image data is whole, and whether anything follows the image's end marker.
/// </summary>
internal static class ImageInspector
{
    public static FileFacts Png(byte[] png, string? duplicateOf)
    {
        var facts = new FileFacts(png.Length, FileType.Png, false, false, 1, duplicateOf);
        var walk = PngChunks.Walk(png);
        if (walk is null)
        {
            return facts;
        }

        facts = facts with { Pixels = walk.Width * walk.Height, TrailingData = walk.End < png.Length || ZipTail.Present(png) };
        var expected = walk.ExpectedBytes();
        if (facts.Pixels > FileRules.MaxPixels || facts.TrailingData || expected is null || expected > FileRules.MaxDecodedBytes)
        {
            return facts with { DecodedBytes = expected ?? 0 };
        }

        var decoded = Inflate.Count(walk.Data, 0, walk.Data.Length, 1, expected.Value);
        return facts with { DecodedBytes = decoded, Opens = walk.Interlaced ? decoded > 0 : decoded == expected };
    }

    /// <summary>Walks the markers: the frame's size, each scan's entropy-coded data, and the end-of-image marker.</summary>
    public static FileFacts Jpeg(byte[] jpeg, string? duplicateOf)
    {
        var facts = new FileFacts(jpeg.Length, FileType.Jpeg, false, false, 1, duplicateOf);
        var offset = 2;
        long pixels = 0;
        var sawScan = false;
        while (offset + 1 < jpeg.Length && jpeg[offset] == 0xFF)
        {
            var marker = jpeg[offset + 1];
            if (marker == 0xFF)
            {
                offset++;
                continue;
            }

            if (marker == 0xD9)
            {
                var end = offset + 2;
                return facts with { Pixels = pixels, Opens = pixels > 0 && sawScan, TrailingData = end < jpeg.Length || ZipTail.Present(jpeg) };
            }

            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                offset += 2;
                continue;
            }

            if (offset + 4 > jpeg.Length)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(offset + 2));
            if (length < 2 || offset + 2 + length > jpeg.Length)
            {
                break;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && length >= 7 && pixels == 0)
            {
                pixels = (long)BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(offset + 5)) * BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(offset + 7));
            }

            offset += 2 + length;
            if (marker == 0xDA)
            {
                sawScan = true;
                offset = EntropyEnd(jpeg, offset);
            }
        }

        return facts with { Pixels = pixels };
    }

    /// <summary>Entropy-coded data runs to the first marker that is not a stuffed 0xFF00 or a restart marker.</summary>
    private static int EntropyEnd(byte[] jpeg, int offset)
    {
        while (offset + 1 < jpeg.Length)
        {
            var at = jpeg.AsSpan(offset, jpeg.Length - offset).IndexOf((byte)0xFF);
            if (at < 0 || offset + at + 1 >= jpeg.Length)
            {
                return jpeg.Length;
            }

            offset += at;
            var next = jpeg[offset + 1];
            if (next is not (0x00 or 0xFF) and not (>= 0xD0 and <= 0xD7))
            {
                return offset;
            }

            offset += next == 0xFF ? 1 : 2;
        }

        return jpeg.Length;
    }
}
