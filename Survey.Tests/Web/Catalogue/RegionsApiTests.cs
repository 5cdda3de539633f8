using System.Net;
using System.Net.Http.Json;
using System.Text;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Catalogue;

public sealed class RegionsApiTests
{
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new SurveyWebFactory(TestDatabase.CreateMigrated("regions-api"));

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private Task<HttpClient> ClientAsAsync(string role) =>
        TestUsers.ApiClientAsync(_factory, role, role == UserRoles.Coordinator ? "3523" : null);

    [Test]
    public async Task PostRegion_Admin_AddsIt_DuplicateIs409_InvalidIs422PerField()
    {
        using var client = await ClientAsAsync(UserRoles.Admin);

        using var created = await client.PostAsJsonAsync(new Uri("/api/v1/regions", UriKind.Relative),
            new { code = "3599", name = "Kabupaten Pemekaran Baru", kind = "kabupaten", province = "Jawa Timur" });
        using var duplicate = await client.PostAsJsonAsync(new Uri("/api/v1/regions", UriKind.Relative),
            new { code = "3599", name = "Kabupaten Pemekaran Baru", kind = "kabupaten", province = "Jawa Timur" });
        using var inRegistry = await client.PostAsJsonAsync(new Uri("/api/v1/regions", UriKind.Relative),
            new { code = "3524", name = "Kabupaten Lamongan", kind = "kabupaten", province = "Jawa Timur" });
        using var invalid = await client.PostAsJsonAsync(new Uri("/api/v1/regions", UriKind.Relative),
            new { code = "35A", name = "K", kind = "desa", province = "" });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(inRegistry.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "Lamongan is in the registry already");
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"code\"").And.Contain("\"name\"").And.Contain("\"kind\"").And.Contain("\"province\""));
        var list = await client.GetStringAsync(new Uri("/api/v1/regions", UriKind.Relative));
        Assert.That(list, Does.Contain("\"code\":\"3599\""));
    }

    [Test]
    public async Task ImportCsv_OneBadRow_Is422NamingTheLine_AndImportsNothing()
    {
        using var client = await ClientAsAsync(UserRoles.Admin);
        using var content = new StringContent("code,name,kind,province\n3525,Kabupaten Gresik,kabupaten,Jawa Timur\n3526,Kabupaten Bangkalan,pulau,Jawa Timur\n", Encoding.UTF8, "text/csv");

        using var response = await client.PostAsync(new Uri("/api/v1/regions/import", UriKind.Relative), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("baris 3").And.Contain("Jenis daerah: kabupaten atau kota"));
        Assert.That(await client.GetStringAsync(new Uri("/api/v1/regions?participating=true", UriKind.Relative)), Does.Not.Contain("3525"), "Gresik is not made to take part");
    }

    [Test]
    public async Task PostRegion_Coordinator_Is403_ButMayList()
    {
        using var client = await ClientAsAsync(UserRoles.Coordinator);

        using var post = await client.PostAsJsonAsync(new Uri("/api/v1/regions", UriKind.Relative),
            new { code = "3527", name = "Kabupaten Sampang", kind = "kabupaten", province = "Jawa Timur" });
        using var list = await client.GetAsync(new Uri("/api/v1/regions", UriKind.Relative));

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
