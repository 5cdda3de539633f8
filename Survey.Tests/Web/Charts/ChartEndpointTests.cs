using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Charts;

/// <summary>Chart endpoints: the numbers' authorisation, ETags, bounded sizes; the dashboards around them.</summary>
public sealed class ChartEndpointTests
{
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;
    private HttpClient _evaluator = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        var connectionString = TestDatabase.CreateMigrated("charts");
        _factory = new SurveyWebFactory(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString, new Survey.Domain.Regions.Region("3599", "Kota Contoh", Survey.Domain.Regions.RegionKind.Kota, "Jawa Timur", IsDemo: true));
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1");
        _tuban = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(_tuban, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        _evaluator = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(_evaluator, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator));
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _evaluator.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task RegionChart_HasAnETag_AnswersNotModified_AndIsSizedByQuery()
    {
        using var first = await _tuban.GetAsync(new Uri("/charts/periods/2026-S1/regions/3523/radar.png?w=500&h=400", UriKind.Relative));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        var etag = first.Headers.ETag;
        Assert.That(etag, Is.Not.Null);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await first.Content.ReadAsByteArrayAsync());
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((500, 400)));

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/charts/periods/2026-S1/regions/3523/radar.png?w=500&h=400", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await _tuban.SendAsync(again);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        using var otherSize = await _tuban.GetAsync(new Uri("/charts/periods/2026-S1/regions/3523/radar.png?w=600&h=400", UriKind.Relative));
        Assert.That(otherSize.Headers.ETag, Is.Not.EqualTo(etag), "another size is another image");

        using var svg = await _tuban.GetAsync(new Uri("/charts/periods/2026-S1/regions/3523/components.svg", UriKind.Relative));
        Assert.That(await svg.Content.ReadAsStringAsync(), Does.Contain("Smart Governance"));
    }

    [Test]
    public async Task ADemoRegionsChart_SaysDemoInTheImageItself_ARealRegionsDoesNot()
    {
        using var demo = await _evaluator.GetAsync(new Uri("/charts/periods/2026-S1/regions/3599/radar.svg", UriKind.Relative));
        Assert.That(demo.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await demo.Content.ReadAsStringAsync(), Does.Contain("Enam dimensi Kota Contoh — DATA DEMO"));

        using var real = await _evaluator.GetAsync(new Uri("/charts/periods/2026-S1/regions/3523/radar.svg", UriKind.Relative));
        var svg = await real.Content.ReadAsStringAsync();
        Assert.That(svg, Does.Contain("Enam dimensi Kabupaten Tuban"));
        Assert.That(svg, Does.Not.Contain("DEMO"));
    }

    [Test]
    public async Task Charts_FollowTheAuthorisationOfTheirNumbers()
    {
        using var other = await _tuban.GetAsync(new Uri("/charts/periods/2026-S1/regions/3578/radar.png", UriKind.Relative));
        using var ranking = await _tuban.GetAsync(new Uri("/charts/periods/2026-S1/ranking.png", UriKind.Relative));
        using var evaluatorRanking = await _evaluator.GetAsync(new Uri("/charts/periods/2026-S1/ranking.png", UriKind.Relative));
        using var anonymous = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var anonymousChart = await anonymous.GetAsync(new Uri("/charts/periods/2026-S1/regions/3523/radar.png", UriKind.Relative));
        using var notPublished = await anonymous.GetAsync(new Uri("/public/periods/2026-S1", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's chart");
            Assert.That(ranking.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the provisional ranking is for the ministry");
            Assert.That(evaluatorRanking.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(anonymousChart.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "sign in first");
            Assert.That(notPublished.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no public page before publication");
        });
    }

    [Test]
    public async Task Dashboards_ShowChartsWithTextAlternativesAndDataTables()
    {
        var region = await _tuban.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/dashboard", UriKind.Relative));
        Assert.That(region, Does.Contain("/charts/periods/2026-S1/regions/3523/radar.png").And.Contain("<details").And.Contain("Data grafik"));
        Assert.That(region, Does.Contain("belum memiliki skor dimensi"), "the radar's text alternative says there is no score yet");
        var national = await _evaluator.GetStringAsync(new Uri("/periods/2026-S1/dashboard", UriKind.Relative));
        Assert.That(national, Does.Contain("/charts/periods/2026-S1/ranking.png").And.Contain("Daerah menurut status"));
    }

    [Test]
    public async Task RandomSizes_SnapToPresets_AndDrawingsBeyondTheClientsBudgetGet429_WhileCachedImagesStillServe()
    {
        await using var limited = new SurveyWebFactory(TestDatabase.CreateMigrated("charts-limited"), settings: new Dictionary<string, string>
        {
            ["Survey:RateLimits:ChartRendersPerMinute"] = "6",
        });
        await TestWorld.SeedRegionsAsync(TestDatabaseOf(limited));
        using var admin = await TestUsers.ApiClientAsync(limited, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1");
        var random = new Random(7);
        var etags = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new List<HttpStatusCode>();
        (int W, int H)? drawn = null;
        for (var i = 0; i < 60; i++)
        {
            using var response = await admin.GetAsync(new Uri($"/charts/periods/2026-S1/ranking.png?w={random.Next(200, 2100)}&h={random.Next(100, 1600)}", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                etags.Add(response.Headers.ETag!.Tag);
                using var bitmap = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
                Assert.That(Survey.Web.Features.Charts.ChartRenderer.Widths, Does.Contain(bitmap.Width));
                Assert.That(Survey.Web.Features.Charts.ChartRenderer.Heights, Does.Contain(bitmap.Height));
                drawn = (bitmap.Width, bitmap.Height);
            }
        }

        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests), "drawing is limited per client");
        Assert.That(etags, Has.Count.LessThanOrEqualTo(6), "only six drawings were allowed");
        Assert.That(drawn, Is.Not.Null);
        using var again = await admin.GetAsync(new Uri($"/charts/periods/2026-S1/ranking.png?w={drawn!.Value.W + 1}&h={drawn.Value.H + 1}", UriKind.Relative));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a size that snaps to a drawn preset is served from the cache, over the budget");
    }

    private static string TestDatabaseOf(SurveyWebFactory factory) =>
        Microsoft.Extensions.Configuration.ConfigurationExtensions.GetConnectionString(factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), "Survey")!;
}
