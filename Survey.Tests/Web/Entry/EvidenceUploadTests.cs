using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Survey.Domain.Accounts;
using Survey.Tests.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Entry;

public sealed partial class EvidenceUploadTests
{
    private const string Page = "/periods/2026-S1/regions/3523/entry/environment";
    private SurveyWebFactory _factory = null!;
    private string _tuban = null!;
    private string _surabaya = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        var connectionString = TestDatabase.CreateMigrated("evidence");
        _factory = new SurveyWebFactory(connectionString, settings: new Dictionary<string, string> { ["Survey:Evidence:MaxMegabytes"] = "0.01" });
        await TestWorld.SeedRegionsAsync(connectionString);

        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1", "2026-01-01", "2026-06-30");
        _tuban = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        _surabaya = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3578");
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private static MultipartFormDataContent Form(string token, string value, string fileName, byte[] file)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("37122:7.6"), "items[0].Key" },
            { new StringContent(value), "items[0].Value" },
            { new StringContent("Dinas Perhubungan"), "items[0].Source" },
            { new StringContent("Catatan penting"), "items[0].Note" },
            { new StringContent("0"), "items[0].Version" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(content, "items[0].File", fileName);
        return form;
    }

    [Test]
    public async Task Upload_ExecutableRenamedToPdf_IsRefused_AndEveryOtherFieldIsKept()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tuban);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));

        using var response = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, "33,3", "laporan.pdf", EvidenceFilesTests.Executable));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Isi berkas tidak sesuai dengan jenisnya"));
        Assert.That(html, Does.Contain("value=\"33,3\"").And.Contain("value=\"Dinas Perhubungan\"").And.Contain("Catatan penting"));
    }

    [Test]
    public async Task Upload_OverTheLimit_IsRefusedWithAClearMessage()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tuban);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));
        var big = EvidenceFilesTests.Pdf.Concat(new byte[20_000]).ToArray();

        using var response = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, "40", "besar.pdf", big));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Berkas bukti terlalu besar"));
        Assert.That(html, Does.Contain("value=\"40\""));
    }

    [Test]
    public async Task Upload_RealPdf_IsStored_DownloadableByTheRegion_NotByAnother()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tuban);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));

        using var saved = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, "55", "../../laporan dishub.pdf", EvidenceFilesTests.Pdf));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var page = await client.GetStringAsync(new Uri(Page, UriKind.Relative));
        var link = EvidenceLink().Match(page);
        Assert.That(link.Success, Is.True, "the page lists the file");
        Assert.That(link.Groups[2].Value, Is.EqualTo("laporan dishub.pdf"));

        using var download = await client.GetAsync(new Uri(link.Groups[1].Value, UriKind.Relative));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(EvidenceFilesTests.Pdf));

        using var other = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(other, _surabaya);
        using var denied = await other.GetAsync(new Uri(link.Groups[1].Value, UriKind.Relative));
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [GeneratedRegex("<a href=\"(/periods/2026-S1/regions/3523/evidence/[0-9a-f-]+)\">([^<]+)</a>")]
    private static partial Regex EvidenceLink();
}
