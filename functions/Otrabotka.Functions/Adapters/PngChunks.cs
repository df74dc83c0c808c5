using System.Buffers.Binary;
using System.Text;

namespace Otrabotka.Functions.Adapters;

/// <summary>A PNG's chunks, CRC-checked, up to IEND: the header's facts and the joined image data.</summary>
internal sealed record PngChunks(long Width, long Height, int BitDepth, int Channels, bool Interlaced, byte[] Data, int End)
{
    /// <summary>The bytes the image data must expand to (filter byte per row), or null for an impossible header.</summary>
    public long? ExpectedBytes()
    {
        if (Width <= 0 || Height <= 0 || Channels == 0 || BitDepth is not (1 or 2 or 4 or 8 or 16))
        {
            return null;
        }

        var rowBytes = ((Width * Channels * BitDepth) + 7) / 8;
        return (rowBytes + 1) * Height;
    }

    /// <summary>Null when the chunk structure is broken (a bad length or CRC, no header, no data, no IEND).</summary>
    public static PngChunks? Walk(byte[] png)
    {
        var offset = 8;
        long width = 0, height = 0;
        int bitDepth = 0, channels = 0;
        var interlaced = false;
        using var data = new MemoryStream();
        while (offset + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (length > (uint)(png.Length - offset - 12))
            {
                return null;
            }

            var body = png.AsSpan(offset + 8, (int)length);
            if (Crc32.Of(png.AsSpan(offset + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + (int)length)))
            {
                return null;
            }

            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            offset += 12 + (int)length;
            switch (type)
            {
                case "IHDR" when body.Length >= 13:
                    width = BinaryPrimitives.ReadUInt32BigEndian(body);
                    height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    bitDepth = body[8];
                    channels = body[9] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
                    interlaced = body[12] != 0;
                    break;
                case "IDAT":
                    data.Write(body);
                    break;
                case "IEND":
                    return width > 0 && height > 0 && data.Length > 0 ? new PngChunks(width, height, bitDepth, channels, interlaced, data.ToArray(), offset) : null;
            }
        }

        return null;
    }
}
