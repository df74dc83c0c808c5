using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using static Otrabotka.Functions.Tests.HostileFiles;

namespace Otrabotka.Functions.Tests;

/// <summary>The file checks on hostile files (issue 11, M1, M2, L7): each is refused with its own reason, and plain files still pass.</summary>
public sealed class FileInspectionTests
{
    private static string? FirstReason(byte[] file) => FileRules.Check(FileInspector.Inspect(file, null)).FirstOrDefault()?.Code;

    [Fact]
    public void Plain_files_built_here_pass()
    {
        Assert.Null(FirstReason(Pdf()));
        Assert.Null(FirstReason(Api.Pdf(3)));
        Assert.Null(FirstReason(Api.Png()));
        Assert.Null(FirstReason(Jpeg()));
        Assert.Equal(1, FileInspector.Inspect(Pdf(), null).Pages);
    }

    [Fact]
    public void A_flate_bomb_in_a_page_stream_is_refused_before_the_parser_expands_it()
    {
        var bomb = Zeros(64L << 20);
        Assert.True(bomb.Length < 100_000);
        Assert.Equal("file-decoded-too-large", FirstReason(Pdf(extra: Stream($"<< /Length {bomb.Length} /Filter /FlateDecode >>", bomb))));
    }

    [Fact]
    public void A_double_flate_bomb_is_measured_through_both_layers()
    {
        var bomb = Zeros(64L << 20, layers: 2);
        Assert.True(bomb.Length < 10_000);
        Assert.Equal("file-decoded-too-large", FirstReason(Pdf(extra: Stream($"<< /Length {bomb.Length} /Filter [/FlateDecode /FlateDecode] >>", bomb))));
    }

    [Fact]
    public void Images_may_expand_to_the_total_bound_and_no_further()
    {
        var image = Zeros(200L << 20);
        var dictionary = $"<< /Type /XObject /Subtype /Image /Width 10000 /Height 20000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {image.Length} /Filter /FlateDecode >>";
        var two = Pdf(extra: [Stream(dictionary, image), Stream(dictionary, image)]);
        Assert.Null(FirstReason(two));
        Assert.Equal(400L << 20, FileInspector.Inspect(two, null).DecodedBytes);
        Assert.Equal("file-decoded-too-large", FirstReason(Pdf(extra: [Stream(dictionary, image), Stream(dictionary, image), Stream(dictionary, image)])));
    }

    [Fact]
    public void Too_many_objects_or_streams_are_refused()
    {
        var nulls = Enumerable.Range(0, FileRules.MaxPdfObjects).Select(_ => Latin("null")).ToArray();
        Assert.Equal("file-too-complex", FirstReason(Pdf(extra: nulls)));
        var streams = Enumerable.Range(0, FileRules.MaxPdfStreams + 1).Select(_ => Stream("<< /Length 1 >>", [0x20])).ToArray();
        Assert.Equal("file-too-complex", FirstReason(Pdf(extra: streams)));
    }

    [Fact]
    public void An_object_stream_counts_the_objects_it_declares()
    {
        var packed = Compress("7 0 null");
        Assert.Equal("file-too-complex", FirstReason(Pdf(extra: Stream($"<< /Type /ObjStm /N {FileRules.MaxPdfObjects} /First 4 /Length {packed.Length} /Filter /FlateDecode >>", packed))));
    }

    public static TheoryData<string, string> ActiveCatalogs() => new()
    {
        { "JavaScript on open", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>" },
        { "a launch action", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (calc.exe) >> >>" },
        { "a JavaScript name tree", "<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 6 0 R >> >>" },
        { "a name written with #xx escapes", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (x) >> >>" },
        { "an embedded file", "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >> >>" },
    };

    [Theory]
    [MemberData(nameof(ActiveCatalogs))]
    public void Active_content_is_refused(string what, string catalog)
    {
        var embedded = Stream("<< /Type /EmbeddedFile /Length 2 >>", "MZ"u8.ToArray());
        Assert.True(FirstReason(Pdf(catalog: catalog, extra: embedded)) == "file-active-content", what);
    }

    [Fact]
    public void JavaScript_hidden_in_a_compressed_object_stream_is_found()
    {
        var packed = Compress("7 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>");
        var objectStream = Stream($"<< /Type /ObjStm /N 1 /First 4 /Length {packed.Length} /Filter /FlateDecode >>", packed);
        Assert.Equal("file-active-content", FirstReason(Pdf(catalog: "<< /Type /Catalog /Pages 2 0 R /OpenAction 7 0 R >>", extra: objectStream)));
    }

    [Fact]
    public void The_words_of_active_content_in_a_page_s_text_are_not_active_content()
    {
        Assert.Null(FirstReason(Pdf(text: "see /JavaScript and /Launch and /EmbeddedFile")));
    }

    [Fact]
    public void A_PDF_whose_text_says_Encrypt_is_not_taken_for_encrypted()
    {
        var pdf = Pdf(text: "/Encrypt << /Filter /Standard >>");
        Assert.True(Encoding.Latin1.GetString(pdf).Contains("/Encrypt", StringComparison.Ordinal));
        var facts = FileInspector.Inspect(pdf, null);
        Assert.False(facts.Encrypted);
        Assert.Null(FileRules.Check(facts).FirstOrDefault());
    }

    [Fact]
    public void A_PDF_whose_trailer_names_an_encryption_dictionary_is_encrypted()
    {
        Assert.Equal("file-encrypted", FirstReason(Api.EncryptedPdf()));
    }

    [Fact]
    public void Data_after_the_PDF_end_is_refused_but_whitespace_and_incremental_updates_are_not()
    {
        var pdf = Pdf();
        Assert.Equal("file-trailing-data", FirstReason([.. pdf, .. Zip()]));
        Assert.Equal("file-trailing-data", FirstReason([.. pdf, .. "<html>"u8.ToArray()]));
        Assert.Null(FirstReason([.. pdf, .. "\r\n  \n"u8.ToArray()]));
        var update = Latin($"6 0 obj\n(updated)\nendobj\nxref\n0 1\n0000000000 65535 f \n6 1\n{pdf.Length:D10} 00000 n \ntrailer\n<< /Size 7 /Root 1 0 R /Prev {Encoding.Latin1.GetString(pdf).LastIndexOf("xref", StringComparison.Ordinal)} >>\nstartxref\n{pdf.Length + 25}\n%%EOF\n");
        Assert.Null(FirstReason([.. pdf, .. update]));
    }

    [Fact]
    public void A_ZIP_whose_comment_swallows_the_PDF_end_marker_is_found()
    {
        var pdf = Pdf();
        var end = "%%EOF\n"u8.ToArray();
        var body = pdf[..^end.Length];
        Assert.Equal("file-trailing-data", FirstReason([.. body, .. Zip(end.Length), .. end]));
    }

    [Fact]
    public void A_21_gigapixel_PNG_header_is_refused_without_inflating()
    {
        var png = PngHeader(150_000, 140_000);
        var facts = FileInspector.Inspect(png, null);
        Assert.Equal(21_000_000_000L, facts.Pixels);
        Assert.Equal("file-too-many-pixels", FileRules.Check(facts)[0].Code);
    }

    [Fact]
    public void A_PNG_whose_data_expands_past_its_header_is_corrupt_and_measured_only_to_the_header()
    {
        var facts = FileInspector.Inspect(PngHeader(100, 100), null);
        Assert.False(facts.Opens);
        Assert.True(facts.DecodedBytes <= (301 * 100) + (64 * 1024));
    }

    [Fact]
    public void Bytes_after_PNG_IEND_or_JPEG_EOI_are_refused()
    {
        Assert.Equal("file-trailing-data", FirstReason([.. Api.Png(), .. Zip()]));
        Assert.Equal("file-trailing-data", FirstReason([.. Api.Png(), 0x00]));
        Assert.Equal("file-trailing-data", FirstReason([.. Jpeg(), .. Zip()]));
    }

    [Fact]
    public void A_JPEG_carrying_a_ZIP_in_a_comment_whose_end_record_swallows_EOI_is_refused()
    {
        var zip = Zip(commentTail: 32); // frame 13 + scan 10 + data 7 + EOI 2
        var jpeg = Jpeg(comment: zip);
        Assert.Equal(0xD9, jpeg[^1]);
        Assert.Equal("file-trailing-data", FirstReason(jpeg));
    }

    [Fact]
    public void A_JPEG_frame_of_more_than_100_megapixels_is_refused()
    {
        Assert.Equal("file-too-many-pixels", FirstReason(Jpeg(65_000, 60_000)));
        Assert.Null(FirstReason(Jpeg(12_000, 8_000)));
    }
}
