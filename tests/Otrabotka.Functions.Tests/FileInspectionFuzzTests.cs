using System.Diagnostics;
using System.Text;
using CsCheck;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Xunit.Abstractions;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Generated inputs for file inspection (issue 11): random bytes and mutated PDFs, PNGs and JPEGs (plain
/// and hostile). Every input must come back as facts the rules can judge — never an exception. The count
/// is FUZZ_FILES_COUNT (the suite runs 3,000; scripts/fuzz-files.sh runs 100,000).
/// </summary>
public sealed class FileInspectionFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[][] Seeds =
    [
        HostileFiles.Pdf(),
        Api.Pdf(2),
        Api.EncryptedPdf(),
        HostileFiles.Pdf(catalog: "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (x) >> >>"),
        HostileFiles.Pdf(extra: HostileFiles.Stream("<< /Filter /FlateDecode >>", HostileFiles.Compress("BT /F1 12 Tf (compressed) Tj ET"))),
        HostileFiles.Pdf(extra: HostileFiles.Stream("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>", HostileFiles.Compress("7 0 << /S /Launch >>"))),
        HostileFiles.Pdf(extra: HostileFiles.Stream("<< /Filter [/FlateDecode /FlateDecode] >>", HostileFiles.Zeros(4096, layers: 2))),
        [.. HostileFiles.Pdf(), .. HostileFiles.Zip()],
        Api.Png(),
        Api.Png(7, 5),
        HostileFiles.PngHeader(150_000, 140_000),
        HostileFiles.Jpeg(),
        HostileFiles.Jpeg(comment: HostileFiles.Zip(32)),
    ];

    private static readonly byte[][] Tokens =
        [.. new[] { "obj", "endobj", "stream\n", "\nendstream", "/FlateDecode", "/ObjStm", "/N 99999", "(", ")", "<", ">>", "%%EOF", "/J#53", "/Encrypt", "trailer", "xref", "IDAT", "IEND", "\u00ff\u00d9", "\u00ff\u00da", "PK\u0005\u0006" }.Select(Encoding.Latin1.GetBytes)];

    public static long Count => long.TryParse(Environment.GetEnvironmentVariable("FUZZ_FILES_COUNT"), out var n) && n > 0 ? n : 3_000;

    /// <summary>A seed (or random bytes) with 1–8 mutations drawn from one generated number.</summary>
    internal static readonly Gen<byte[]> Inputs = Gen.Frequency(
        (1, Gen.Byte.Array[0, 2048].Select(bytes => bytes)),
        (1, Gen.Byte.Array[0, 2048].Select(bytes => Prefix(bytes))),
        (6, Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[1, 8], Gen.Int).Select((seed, count, random) => Mutate(Seeds[seed], count, new Random(random)))));

    [Fact]
    public void Any_file_yields_facts_and_reasons_never_an_exception()
    {
        long inputs = 0, refused = 0, slowestTicks = 0;
        var byReason = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        Inputs.Sample(file =>
        {
            var started = Stopwatch.GetTimestamp();
            var reasons = FileRules.Check(FileInspector.Inspect(file, null));
            var took = Stopwatch.GetTimestamp() - started;
            InterlockedMax(ref slowestTicks, took);
            Interlocked.Increment(ref inputs);
            if (reasons.Count > 0)
            {
                Interlocked.Increment(ref refused);
                byReason.AddOrUpdate(reasons[0].Code, 1, (_, n) => n + 1);
            }
        }, iter: Count);
        var summary = string.Join(", ", byReason.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
        output.WriteLine($"fuzz-files: {inputs} inputs, 0 exceptions, {refused} refused, {inputs - refused} passed, {clock.Elapsed.TotalSeconds:F1} s, slowest input {Stopwatch.GetElapsedTime(0, slowestTicks).TotalMilliseconds:F0} ms");
        output.WriteLine($"fuzz-files: first reasons: {summary}");
        Assert.Equal(Count, inputs);
    }

    private static byte[] Prefix(byte[] bytes)
    {
        byte[][] heads = [Encoding.ASCII.GetBytes("%PDF-1.7\n"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF]];
        return [.. heads[bytes.Length % 3], .. bytes];
    }

    private static byte[] Mutate(byte[] seed, int count, Random random)
    {
        var file = new List<byte>(seed);
        for (var step = 0; step < count; step++)
        {
            var at = file.Count == 0 ? 0 : random.Next(file.Count);
            switch (random.Next(8))
            {
                case 0 when file.Count > 0:
                    file[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when file.Count > 0:
                    file[at] = (byte)(random.Next(4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x7F, _ => 0x80 });
                    break;
                case 2:
                    file.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    file.RemoveRange(at, random.Next(Math.Min(64, file.Count - at) + 1));
                    break;
                case 4:
                    file.RemoveRange(at, file.Count - at);
                    break;
                case 5 when file.Count > 0:
                    var length = random.Next(Math.Min(256, file.Count - at) + 1);
                    file.InsertRange(random.Next(file.Count), file.GetRange(at, length));
                    break;
                case 6 when at + 4 <= file.Count:
                    var big = BitConverter.GetBytes(random.Next(4) == 0 ? uint.MaxValue : (uint)random.Next());
                    file.RemoveRange(at, 4);
                    file.InsertRange(at, big);
                    break;
                default:
                    var noise = new byte[random.Next(1, 32)];
                    random.NextBytes(noise);
                    file.InsertRange(at, noise);
                    break;
            }
        }

        return [.. file];
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
            seen = Interlocked.Read(ref target);
        }
    }
}
