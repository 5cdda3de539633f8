using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Catalogue;

public sealed partial class CataloguePagesTests
{
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new SurveyWebFactory(TestDatabase.Shared);

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private static List<string> IndicatorLinks(string html) =>
        IndicatorLink().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Test]
    public async Task Indicators_Anonymous_ListsAll80In19ThemesEachWithItsDimension()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/indicators", UriKind.Relative));

        var links = IndicatorLinks(html);
        Assert.That(links, Has.Count.EqualTo(80));
        Assert.That(links, Is.Unique);
        Assert.That(ThemeHeading().Matches(html), Has.Count.EqualTo(19));
        var rows = Row().Matches(html);
        Assert.That(rows, Has.Count.EqualTo(80));
        Assert.That(rows.Select(r => r.Groups[1].Value.Trim()), Has.None.EqualTo("–"), "every indicator shows its dimension");
    }

    [TestCase("16.1", new[] { "37122:16.1" })]
    [TestCase("sampah", new[] { "37122:16.1", "37122:16.2", "37122:16.3", "37122:16.4", "37122:16.5", "37122:16.6" })]
    [TestCase("waste", new[] { "37122:16.1", "37122:16.6", "37122:22.1", "37122:22.5" })]
    public async Task Indicators_Search_FindsWhatAUserExpects(string query, string[] expected)
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/indicators?q=" + Uri.EscapeDataString(query), UriKind.Relative));

        var links = IndicatorLinks(html);
        if (expected.Length == 1)
        {
            Assert.That(links, Is.EqualTo(expected));
        }
        else
        {
            Assert.That(links, Is.SupersetOf(expected));
        }

        Assert.That(html, Does.Contain($"value=\"{query}\""), "the search box keeps what was typed");
    }

    [Test]
    public async Task IndicatorDetails_ShowsDefinitionFormulaGoalpostsAndDimension()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/indicators/37122:21.3", UriKind.Relative));

        Assert.That(Html.Heading(html), Does.Contain("Rata-rata waktu persetujuan izin bangunan"));
        Assert.That(html, Does.Contain("terburuk 60, terbaik 7"));
        Assert.That(html, Does.Contain("makin rendah makin baik"));
        Assert.That(html, Does.Contain("Tata Kelola Cerdas (Smart Governance)"));
        Assert.That(html, Does.Contain("jumlah izin bangunan yang disetujui"));
    }

    [Test]
    public async Task IndicatorDetails_UnknownKey_Answers404()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/indicators/37120:16.1", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Methodology_StatesTheNumbersOfV1()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/methodology", UriKind.Relative));

        Assert.That(DataKey(html, "weight_indicators"), Is.EqualTo("0,5"));
        Assert.That(DataKey(html, "weight_programmes"), Is.EqualTo("0,3"));
        Assert.That(DataKey(html, "weight_perception"), Is.EqualTo("0,2"));
        Assert.That(DataKey(html, "minimum_coverage"), Is.EqualTo("50 %"));
        Assert.That(DataKey(html, "minimum_respondents"), Is.EqualTo("30"));
        Assert.That(html, Does.Contain("D = (0,5 × I + 0,3 × P + 0,2 × R)"));
        Assert.That(html, Does.Contain("Memuaskan").And.Contain("≥ 4,2"));
    }

    [Test]
    public async Task Methodology_WeightChangedInTheFile_ChangesThePage()
    {
        using var folder = new IndicatorFolder();
        folder.Edit(IndicatorFolder.Methodology, root =>
        {
            root["component_weights"]!["programmes"] = 0.35;
            root["minimum_respondents"] = 50;
        });
        using var factory = new SurveyWebFactory(TestDatabase.CreateEmpty("methodology-page"), folder.Path);
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/methodology", UriKind.Relative));

        Assert.That(DataKey(html, "weight_programmes"), Is.EqualTo("0,35"));
        Assert.That(DataKey(html, "minimum_respondents"), Is.EqualTo("50"));
    }

    [Test]
    public async Task Api_Indicators_ReturnsAll80WithKeyClauseThemeTitlesUnitAndKind()
    {
        using var client = _factory.CreateClient();

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/indicators", UriKind.Relative)));

        var items = body.RootElement.EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(80));
        var first = items[0];
        Assert.That(first.GetProperty("key").GetString(), Is.EqualTo("37122:5.1"));
        Assert.That(first.GetProperty("clause").GetString(), Is.EqualTo("5.1"));
        Assert.That(first.GetProperty("theme").GetProperty("name").GetProperty("id").GetString(), Is.EqualTo("Ekonomi"));
        Assert.That(first.GetProperty("title").GetProperty("en").GetString(), Does.Contain("open data"));
        Assert.That(first.GetProperty("kind").GetString(), Is.EqualTo("percentage"));
    }

    [Test]
    public async Task Api_Methodology_ReturnsMappingsWeightsAndBandsWithInvariantNumbers()
    {
        using var client = _factory.CreateClient();

        var json = await client.GetStringAsync(new Uri("/api/v1/methodologies/v1", UriKind.Relative));

        using var body = JsonDocument.Parse(json);
        var root = body.RootElement;
        Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("v1"));
        Assert.That(root.GetProperty("indicators").EnumerateObject().Count(), Is.EqualTo(80));
        var permit = root.GetProperty("indicators").GetProperty("37122:21.3");
        Assert.That(permit.GetProperty("dimension").GetString(), Is.EqualTo("governance"));
        Assert.That(permit.GetProperty("worst").GetDecimal(), Is.EqualTo(60m));
        Assert.That(permit.GetProperty("best").GetDecimal(), Is.EqualTo(7m));
        Assert.That(root.GetProperty("component_weights").GetProperty("programmes").GetDecimal(), Is.EqualTo(0.3m));
        Assert.That(root.GetProperty("minimum_coverage").GetDecimal(), Is.EqualTo(0.5m));
        Assert.That(root.GetProperty("minimum_respondents").GetInt32(), Is.EqualTo(30));
        Assert.That(root.GetProperty("predicate_bands")[0].GetProperty("minimum").GetDecimal(), Is.EqualTo(4.2m));
        Assert.That(json, Does.Contain("\"minimum\":4.2"), "numbers are invariant");
    }

    [Test]
    public async Task Api_UnknownMethodology_Answers404()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/methodologies/v9", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Api_Regions_Anonymous_Answers401Json()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/regions", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private static string DataKey(string html, string key)
    {
        var match = Regex.Match(html, $"data-key=\"{key}\">([^<]*)<");
        Assert.That(match.Success, Is.True, $"data-key {key} not found");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<a href=\"/indicators/(37122:[0-9.]+)\">")]
    private static partial Regex IndicatorLink();

    [GeneratedRegex("<h2 id=\"theme-[0-9]+\"")]
    private static partial Regex ThemeHeading();

    [GeneratedRegex("<tr>\\s*<td class=\"text-nowrap\"><a href=\"/indicators/[^\"]+\">[^<]+</a></td>\\s*<td>[^<]*</td>\\s*<td>[^<]*</td>\\s*<td>([^<]*)</td>")]
    private static partial Regex Row();
}
