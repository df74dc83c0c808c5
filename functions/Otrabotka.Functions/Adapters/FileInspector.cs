using Otrabotka.Domain;

namespace Otrabotka.Functions.Adapters;

/// <summary>
/// Finds out what a file really is, from its bytes: the type by magic numbers, then the format's own
/// inspector (PdfInspector, ImageInspector). Every bound is checked on declared sizes or in a fixed buffer
/// before anything is expanded, so no file can make the host hold more than the file and one bound.
/// The rules that judge these facts are the domain's (FileRules).
/// </summary>
public static class FileInspector
{
    public static FileFacts Inspect(byte[] content, string? duplicateOf) => FileRules.Sniff(content) switch
    {
        FileType.Pdf => PdfInspector.Inspect(content, duplicateOf),
        FileType.Png => ImageInspector.Png(content, duplicateOf),
        FileType.Jpeg => ImageInspector.Jpeg(content, duplicateOf),
        _ => new FileFacts(content.Length, FileType.Unknown, false, false, 0, duplicateOf),
    };
}
