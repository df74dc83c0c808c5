using System.IO.Compression;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// Expands zlib (Flate) data under a bound without ever holding more than the bound: a decompression
/// bomb is measured in a fixed buffer and abandoned as soon as it passes the limit.
/// </summary>
internal static class Inflate
{
    private const int BufferSize = 64 * 1024;

    /// <summary>How many bytes <paramref name="layers"/> nested Flate encodings expand to, counted up to one buffer past <paramref name="limit"/>.</summary>
    public static long Count(byte[] data, int offset, int count, int layers, long limit) => Expand(data, offset, count, layers, limit, null);

    /// <summary>The expanded bytes, or null when they pass <paramref name="limit"/>.</summary>
    public static byte[]? Decode(byte[] data, int offset, int count, int layers, long limit)
    {
        using var sink = new MemoryStream();
        return Expand(data, offset, count, layers, limit, sink) > limit ? null : sink.ToArray();
    }

    private static long Expand(byte[] data, int offset, int count, int layers, long limit, Stream? sink)
    {
        long total = 0;
        try
        {
            using var source = Unwrap(new MemoryStream(data, offset, count, writable: false), layers);
            var buffer = new byte[BufferSize];
            int read;
            while (total <= limit && (read = source.Read(buffer)) > 0)
            {
                total += read;
                sink?.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // Damaged data: what was expanded so far is what a reader would have to hold.
        }
        catch (EndOfStreamException)
        {
        }

        return total;
    }

    /// <summary>
    /// Skips each layer's two-byte zlib header and reads raw Deflate, as PDF readers do (many writers get
    /// the header or checksum wrong, and readers forgive it).
    /// </summary>
    private static Stream Unwrap(Stream stream, int layers)
    {
        var header = new byte[2];
        for (var layer = 0; layer < layers; layer++)
        {
            stream.ReadExactly(header);
            stream = new DeflateStream(stream, CompressionMode.Decompress);
        }

        return stream;
    }
}
