using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Otrabotka.Functions.UseCases;

/// <summary>One chunk of a file: a byte range of whole lines and the number of its first line (the header is line 1).</summary>
public sealed record FeedChunkRange(int Number, long Start, long End, int FirstLine);

/// <summary>
/// Reads a stored file once, front to back: its header line, the byte ranges of chunks of N lines after it, and
/// the SHA-256 of the whole content (the file's identity: the same bytes imported again are the same file).
/// </summary>
public static class FeedFileCut
{
    /// <summary>A header line longer than this is no header: the file is refused whole.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private const int ReadBuffer = 81920;

    public static async Task<(string? Header, List<FeedChunkRange> Chunks, string Sha256)> CutAsync(Stream stream, int rowsPerChunk, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new MemoryStream();
        var chunks = new List<FeedChunkRange>();
        var buffer = new byte[ReadBuffer];
        long position = 0, chunkStart = -1;
        int line = 1, chunkFirstLine = 2, linesInChunk = 0, count;
        while ((count = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, count);
            for (var i = 0; i < count; i++)
            {
                if (chunkStart < 0)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        chunkStart = position + i + 1;
                        line++;
                    }
                    else if (header.Length <= MaxHeaderBytes)
                    {
                        header.WriteByte(buffer[i]);
                    }

                    continue;
                }

                if (buffer[i] == (byte)'\n')
                {
                    line++;
                    var next = position + i + 1;
                    if (++linesInChunk == rowsPerChunk)
                    {
                        chunks.Add(new FeedChunkRange(chunks.Count, chunkStart, next, chunkFirstLine));
                        (chunkStart, chunkFirstLine, linesInChunk) = (next, line, 0);
                    }
                }
            }

            position += count;
        }

        if (chunkStart >= 0 && chunkStart < position)
        {
            chunks.Add(new FeedChunkRange(chunks.Count, chunkStart, position, chunkFirstLine));
        }

        var headerText = header.Length > MaxHeaderBytes ? null : Encoding.UTF8.GetString(header.GetBuffer(), 0, (int)header.Length).TrimEnd('\r');
        return (headerText, chunks, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static string ChunkKey(int number) => "c" + number.ToString("D6", CultureInfo.InvariantCulture);
}
