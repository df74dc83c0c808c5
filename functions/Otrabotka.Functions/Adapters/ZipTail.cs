using System.Buffers.Binary;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// Finds a ZIP archive riding along at the end of a file (a polyglot): ZIP readers look for the
/// end-of-central-directory record in the last 64 KiB, and its comment may swallow the host format's
/// own end marker, so the host format's structure alone does not show it.
/// </summary>
internal static class ZipTail
{
    private const int RecordLength = 22;
    private const int MaxComment = 0xFFFF;

    public static bool Present(ReadOnlySpan<byte> file)
    {
        var from = Math.Max(0, file.Length - RecordLength - MaxComment);
        var window = file[from..];
        var at = window.LastIndexOf("PK\u0005\u0006"u8);
        while (at >= 0)
        {
            var record = from + at;
            if (record + RecordLength <= file.Length)
            {
                var comment = BinaryPrimitives.ReadUInt16LittleEndian(file[(record + 20)..]);
                if (record + RecordLength + comment == file.Length)
                {
                    return true;
                }
            }

            at = window[..at].LastIndexOf("PK\u0005\u0006"u8);
        }

        return false;
    }
}
