using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otrabotka.Domain;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace Otrabotka.Functions.Tests;

/// <summary>Test helpers that speak to the local host as a graduate, an operator or an employer would.</summary>
internal sealed class Api(LocalHostFixture host)
{
    private static int serial = Random.Shared.Next(0, 5000);

    public HttpClient Client => host.Client;

    public string OperatorToken => host.Token("operator", "operator-1");

    public string SupervisorToken => host.Token("supervisor", "supervisor-1");

    /// <summary>A fresh valid IIN (born 1990–2003), unique within the run.</summary>
    public static string NewIin()
    {
        while (true)
        {
            var n = Interlocked.Increment(ref serial);
            var birth = new DateOnly(1995, 1, 1).AddDays(Random.Shared.Next(0, 3000));
            var first11 = $"{birth:yyMMdd}{(birth.Year >= 2000 ? '5' : '3')}{(n + Random.Shared.Next(0, 10000)) % 10000:D4}";
            var check = TwelveDigit.CheckDigit(first11);
            if (check >= 0)
            {
                return first11 + check;
            }
        }
    }

    public static string ValidBin()
    {
        while (true)
        {
            var first11 = "1405400" + Random.Shared.Next(0, 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var check = TwelveDigit.CheckDigit(first11);
            if (check >= 0)
            {
                return first11 + check;
            }
        }
    }

    public static string BadBin(string good) => good[..11] + (char)('0' + ((good[11] - '0' + 1) % 10));

    public async Task<(string GraduateId, string Iin, string Token)> RegisterAsync(
        string category = "state-order-other", string group = "technical", string level = "bachelor", string graduationDate = "2025-06-20", string? iin = null,
        int? grantMonths = null, int? normativeMonths = null)
    {
        iin ??= NewIin();
        using var response = await SendAsync(HttpMethod.Post, "/api/graduates", OperatorToken, new
        {
            iin,
            fullName = "Айгерім Сапарова",
            email = $"{iin}@graduate.example.kz",
            language = "kk",
            category,
            level,
            specialtyGroup = group,
            graduationDate,
            admissionYear = 2021,
            budgetCost = 3_600_000.00m,
            university = "Л.Н. Гумилев атындағы ЕҰУ",
            grantMonths,
            normativeMonths,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (JsonNode.Parse(body)!["graduateId"]!.GetValue<string>(), iin, host.Token("graduate", iin));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Client.SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(HttpMethod method, string path, string? token, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<HttpResponseMessage> UploadAsync(string token, string kind, object metadata, byte[] file, string? idempotencyKey = null, string path = "/api/me/documents")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(JsonSerializer.Serialize(metadata)), "metadata" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "document.pdf");
        request.Content = form;
        return await Client.SendAsync(request);
    }

    public async Task<string> SubmitAsync(string token, string kind, object metadata, byte[] file)
    {
        using var response = await UploadAsync(token, kind, metadata, file);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    /// <summary>Polls the document until validation has decided (the blob trigger ran).</summary>
    public async Task<JsonNode> SettledAsync(string token, string id)
    {
        JsonNode? doc = null;
        var settled = await LocalHostFixture.Eventually(
            async () =>
            {
                doc = await JsonAsync(HttpMethod.Get, $"/api/me/documents/{id}", token);
                return doc["status"]!.GetValue<string>() is not ("received" or "validating");
            },
            TimeSpan.FromSeconds(90));
        Assert.True(settled, $"document {id} was not validated within 90 s");
        return doc!;
    }

    public static object Employment(string organisationKind = "other", string region = "astana", string settlement = "city", string? bin = null,
        string start = "2025-09-01", string email = "hr@employer.example.kz", string? kato = null, string name = "ТОО «Дала Техно»") => new
        {
            employerBin = bin ?? ValidBin(),
            employerName = name,
            employerEmail = email,
            organisationKind,
            ownership = "private",
            region,
            settlementType = settlement,
            katoCode = kato,
            position = "инженер",
            startDate = start,
        };

    /// <summary>The employer link's token, from the e-mail the employer received.</summary>
    public async Task<string> EmployerTokenAsync(string employerEmail, int expectedCount = 1)
    {
        string? token = null;
        var arrived = await LocalHostFixture.Eventually(
            () =>
            {
                var mails = host.Mail.Newest(employerEmail);
                if (mails.Count < expectedCount)
                {
                    return Task.FromResult(false);
                }

                var text = mails[0].Text;
                var at = text.IndexOf("#t=", StringComparison.Ordinal);
                token = at < 0 ? null : new string(text[(at + 3)..].TakeWhile(c => !char.IsWhiteSpace(c)).ToArray());
                return Task.FromResult(token is not null);
            },
            TimeSpan.FromSeconds(30));
        Assert.True(arrived, $"no employer e-mail reached {employerEmail}");
        return token!;
    }

    public static byte[] Pdf(int pages = 1)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var i = 0; i < pages; i++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText($"Anyqtama {Guid.NewGuid():N} page {i + 1}", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        }

        return builder.Build();
    }

    /// <summary>A PDF whose trailer names an encryption dictionary, as every encrypted PDF's does.</summary>
    public static byte[] EncryptedPdf()
    {
        var text = Encoding.Latin1.GetString(Pdf());
        var at = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var dict = text.IndexOf("<<", at, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text[..(dict + 2)] + " /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> " + text[(dict + 2)..]);
    }

    public static byte[] Png(int width = 4, int height = 3)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width * 3; x++)
            {
                raw.WriteByte((byte)(x * 17 + y));
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
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

    internal static void Chunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        s.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }
}
