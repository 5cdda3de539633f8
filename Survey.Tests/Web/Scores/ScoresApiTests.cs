using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Domain.DataFiles;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Scores;

/// <summary>
/// End to end through the API: three regions enter values, programmes and responses and submit; the scores
/// the API returns are compared with the method computed here independently (in double precision, from the
/// methodology file). Tuban has everything; Surabaya has too few respondents for perception and a dimension
/// below the minimum coverage; Sleman's data stays a draft and counts for nothing but its responses.
/// </summary>
public sealed class ScoresApiTests
{
    private const string Period = "2026-S1";
    private static readonly IndicatorData Files = IndicatorFiles.Load(RepositoryPaths.Indicators);
    private static readonly Region Sleman = new("3404", "Kabupaten Sleman", RegionKind.Kabupaten, "DI Yogyakarta");
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _admin = null!;
    private HttpClient _evaluator = null!;
    private readonly Dictionary<string, HttpClient> _coordinators = [];
    private readonly Dictionary<string, Dictionary<string, double>> _values = [];
    private readonly Dictionary<string, List<(string Dimension, int Level)>> _programmes = [];
    private readonly Dictionary<string, List<Dictionary<string, int?>>> _answers = [];

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("scores");
        _factory = new SurveyWebFactory(_connectionString, settings: new Dictionary<string, string> { ["Survey:Scores:ComparisonCacheSeconds"] = "0" });
        await TestWorld.SeedRegionsAsync(_connectionString, TestWorld.Tuban, TestWorld.Surabaya, Sleman);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        _evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        using (var created = await _admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code = Period, entry_opens = "2026-01-01", entry_closes = "2099-06-30", methodology = "v1" }))
        using (var opened = await _admin.PostAsync(new Uri($"/api/v1/periods/{Period}/open", UriKind.Relative), null))
        {
            Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK), await opened.Content.ReadAsStringAsync());
        }

        foreach (var region in new[] { "3523", "3578", "3404" })
        {
            _coordinators[region] = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, region);
        }

        var random = new Random(37122);
        await EnterAsync("3523", random, skipDimension: null, programmes: [("governance", 4), ("governance", 2), ("economy", 3), ("living", 5), ("society", 1), ("environment", 3), ("branding", 2)], responses: 31);
        await EnterAsync("3578", random, skipDimension: "branding", programmes: [("governance", 3)], responses: 5);
        await EnterAsync("3404", random, skipDimension: null, programmes: [("economy", 4)], responses: 30, submit: false);

        // The evaluator verified one of Tuban's governance programmes one level lower than claimed.
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.ExecuteAsync("UPDATE programme SET verified_level = 1 WHERE region_code = '3523' AND name = 'Program governance 2'");
        _programmes["3523"][1] = ("governance", 1);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        foreach (var client in _coordinators.Values)
        {
            client.Dispose();
        }

        _admin.Dispose();
        _evaluator.Dispose();
        _factory.Dispose();
    }

    private async Task EnterAsync(string region, Random random, string? skipDimension, (string Dimension, int Level)[] programmes, int responses, bool submit = true)
    {
        var client = _coordinators[region];
        var methodology = Files.Methodologies.Single(m => m.Version == "v1");
        var values = new Dictionary<string, double>();
        var entries = new List<object>();
        foreach (var mapping in methodology.Indicators)
        {
            var indicator = Files.Catalogue.Find(mapping.Key)!;
            // In a skipped dimension only one indicator has a value (below the minimum coverage); elsewhere one in five is "not available".
            var skip = mapping.Dimension == skipDimension ? values.Keys.Any(k => methodology.MappingOf(k)!.Dimension == skipDimension) : random.Next(5) == 0;
            if (skip)
            {
                entries.Add(new { key = mapping.Key, not_available_reason = "Data belum tersedia" });
                continue;
            }

            var low = (double)Math.Min(mapping.Worst, mapping.Best);
            var high = (double)Math.Max(mapping.Worst, mapping.Best);
            // Up to 25 % beyond the goalposts on the high side, so that clamping is exercised.
            var value = Math.Round(low + ((high - low) * random.NextDouble() * 1.25), 2);
            if (indicator.IsShare)
            {
                value = Math.Min(value, 100);
            }

            values[mapping.Key] = value;
            entries.Add(new { key = mapping.Key, value, source = "BPS", source_year = 2025 });
        }

        using (var put = await client.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/{region}/indicator-values", UriKind.Relative), entries))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var counter = new Dictionary<string, int>();
        var programmeBodies = programmes.Select(p =>
        {
            counter[p.Dimension] = counter.GetValueOrDefault(p.Dimension) + 1;
            return new
            {
                dimension = p.Dimension,
                element = methodology.FindDimension(p.Dimension)!.Elements[0].Code,
                name = $"Program {p.Dimension} {counter[p.Dimension]}",
                maturity_level = p.Level,
                justification = "SOP dan laporan kinerja tersedia",
                risks = Array.Empty<object>(),
            };
        }).ToArray();
        using (var put = await client.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/{region}/programmes", UriKind.Relative), programmeBodies))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        if (submit)
        {
            using var submitted = await client.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/{region}/submit", UriKind.Relative), null);
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await submitted.Content.ReadAsStringAsync());
            _values[region] = values;
            _programmes[region] = programmes.ToList();
        }
        else
        {
            _values[region] = [];
            _programmes[region] = [];
        }

        // Respondents: every Likert item 1-5 or "Tidak tahu".
        var questionnaire = Files.Questionnaire("v1")!;
        using var links = await client.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/{region}/invitations", UriKind.Relative), new { count = responses });
        using var body = JsonDocument.Parse(await links.Content.ReadAsStringAsync());
        using var anonymous = _factory.CreateClient();
        _answers[region] = [];
        foreach (var link in body.RootElement.GetProperty("links").EnumerateArray())
        {
            var token = new Uri(link.GetString()!).AbsolutePath[3..];
            var given = new Dictionary<string, int?>();
            var answers = questionnaire.Items.Select(i =>
            {
                object value;
                if (i.Type == ItemTypes.Likert)
                {
                    var level = random.Next(0, 6);
                    given[i.Code] = level == 0 ? null : level;
                    value = level == 0 ? Answers.DontKnow : level;
                }
                else
                {
                    value = i.Type switch { ItemTypes.SingleChoice => i.Options[0].Code, ItemTypes.Number => 3, _ => "Tuban" };
                }

                return new { item = i.Code, value };
            }).ToArray();
            using var response = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token, answers });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            _answers[region].Add(given);
        }
    }

    /// <summary>The method, written again here in doubles: (dimension scores, index_100, complete).</summary>
    private (Dictionary<string, (double? Score, double? I, double? P, double? R, double Coverage)> Dimensions, double? Index100, bool Complete) Expected(string region)
    {
        var methodology = Files.Methodologies.Single(m => m.Version == "v1");
        var questionnaire = Files.Questionnaire("v1")!;
        var result = new Dictionary<string, (double?, double?, double?, double?, double)>();
        var responses = _answers[region];
        foreach (var dimension in methodology.Dimensions.Select(d => d.Code))
        {
            var mapped = methodology.Indicators.Where(m => m.Dimension == dimension).ToList();
            var valued = mapped.Where(m => _values[region].ContainsKey(m.Key)).ToList();
            var coverage = (double)valued.Count / mapped.Count;
            double? i = null;
            if (valued.Count > 0 && coverage >= (double)methodology.MinimumCoverage)
            {
                i = valued.Sum(m => (double)m.Weight * 100 * Math.Clamp((_values[region][m.Key] - (double)m.Worst) / (double)(m.Best - m.Worst), 0, 1)) / valued.Sum(m => (double)m.Weight);
            }

            var levels = _programmes[region].Where(p => p.Dimension == dimension).Select(p => 25.0 * (p.Level - 1)).ToList();
            double? p = levels.Count > 0 ? levels.Average() : null;

            double? r = null;
            if (responses.Count >= methodology.MinimumRespondents)
            {
                var itemScores = questionnaire.Items.Where(q => q.Type == ItemTypes.Likert && q.Dimension == dimension)
                    .Select(q => responses.Where(a => a[q.Code] is not null).Select(a => (double)a[q.Code]!.Value).ToList())
                    .Where(list => list.Count > 0)
                    .Select(list => 25 * (list.Average() - 1)).ToList();
                r = itemScores.Count > 0 ? itemScores.Average() : null;
            }

            var parts = new[] { (i, 0.5), (p, 0.3), (r, 0.2) }.Where(x => x.Item1 is not null).ToList();
            double? d = parts.Count > 0 ? parts.Sum(x => x.Item1!.Value * x.Item2) / parts.Sum(x => x.Item2) : null;
            result[dimension] = (d, i, p, r, coverage);
        }

        var available = result.Values.Where(v => v.Item1 is not null).Select(v => v.Item1!.Value).ToList();
        return (result, available.Count > 0 ? available.Average() : null, available.Count == result.Count);
    }

    private static double? Number(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetDouble();

    [Test]
    public async Task PeriodScores_MatchTheIndependentComputation_ForEveryRegion()
    {
        using var response = await _evaluator.GetAsync(new Uri($"/api/v1/periods/{Period}/scores", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var body = JsonDocument.Parse(text);
        Assert.That(body.RootElement.GetProperty("provisional").GetBoolean(), Is.True);
        var regions = body.RootElement.GetProperty("regions").EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!);
        Assert.That(regions.Keys, Is.EquivalentTo(new[] { "3523", "3578", "3404" }), "Sleman is listed for its responses, with nothing of its draft");

        foreach (var (region, json) in regions)
        {
            var (dimensions, index100, complete) = Expected(region);
            Assert.That(json.GetProperty("complete").GetBoolean(), Is.EqualTo(complete), region);
            Assert.That(Number(json, "index_100"), Is.EqualTo(index100).Within(1e-9), region);
            Assert.That(Number(json, "index"), Is.EqualTo(index100 is null ? null : 1 + (4 * index100 / 100)).Within(1e-9), region);
            foreach (var d in json.GetProperty("dimensions").EnumerateArray())
            {
                var code = d.GetProperty("dimension").GetString()!;
                var expected = dimensions[code];
                Assert.Multiple(() =>
                {
                    Assert.That(Number(d, "score"), Is.EqualTo(expected.Score).Within(1e-9), $"{region} {code} score");
                    Assert.That(Number(d, "indicators"), Is.EqualTo(expected.I).Within(1e-9), $"{region} {code} indicators");
                    Assert.That(Number(d, "programmes"), Is.EqualTo(expected.P).Within(1e-9), $"{region} {code} programmes");
                    Assert.That(Number(d, "perception"), Is.EqualTo(expected.R).Within(1e-9), $"{region} {code} perception");
                    Assert.That(Number(d, "coverage"), Is.EqualTo(expected.Coverage).Within(1e-12), $"{region} {code} coverage");
                });
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(regions["3523"].GetProperty("complete").GetBoolean(), Is.True);
            Assert.That(regions["3523"].GetProperty("rank").GetInt32(), Is.EqualTo(1), "the only complete result");
            Assert.That(regions["3578"].GetProperty("complete").GetBoolean(), Is.False, "branding is below the minimum coverage and has no programme");
            Assert.That(regions["3578"].GetProperty("rank").ValueKind, Is.EqualTo(JsonValueKind.Null), "incomplete results are not ranked");
            Assert.That(regions["3404"].GetProperty("dimensions").EnumerateArray().All(d => d.GetProperty("indicators").ValueKind == JsonValueKind.Null && d.GetProperty("programmes").ValueKind == JsonValueKind.Null));
            Assert.That(body.RootElement.GetProperty("regions")[0].GetProperty("region").GetString(), Is.EqualTo("3523"), "complete results first");
        });
    }

    [Test]
    public async Task RegionScores_ListEveryInput_AndTheirScores()
    {
        using var response = await _coordinators["3523"].GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        var methodology = Files.Methodologies.Single(m => m.Version == "v1");

        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.That(indicators.Select(i => i.GetProperty("key").GetString()), Is.EquivalentTo(_values["3523"].Keys));
        foreach (var indicator in indicators)
        {
            var mapping = methodology.MappingOf(indicator.GetProperty("key").GetString()!)!;
            var value = _values["3523"][mapping.Key];
            Assert.That(indicator.GetProperty("value").GetDouble(), Is.EqualTo(value).Within(1e-12));
            Assert.That(indicator.GetProperty("weight").GetDouble(), Is.EqualTo((double)mapping.Weight));
            Assert.That(indicator.GetProperty("dimension").GetString(), Is.EqualTo(mapping.Dimension));
            Assert.That(indicator.GetProperty("score").GetDouble(), Is.EqualTo(100 * Math.Clamp((value - (double)mapping.Worst) / (double)(mapping.Best - mapping.Worst), 0, 1)).Within(1e-9), mapping.Key);
        }

        var programmes = root.GetProperty("programmes").EnumerateArray().ToList();
        var verified = programmes.Single(p => p.GetProperty("name").GetString() == "Program governance 2");
        Assert.Multiple(() =>
        {
            Assert.That(programmes, Has.Count.EqualTo(7));
            Assert.That(verified.GetProperty("self_level").GetInt32(), Is.EqualTo(2));
            Assert.That(verified.GetProperty("verified_level").GetInt32(), Is.EqualTo(1));
            Assert.That(verified.GetProperty("score").GetDouble(), Is.Zero);
        });

        var items = root.GetProperty("items").EnumerateArray().ToList();
        var first = items.First();
        var code = first.GetProperty("item").GetString()!;
        var answered = _answers["3523"].Where(a => a[code] is not null).Select(a => (double)a[code]!.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(answered.Count), "Tidak tahu is no answer");
            Assert.That(first.GetProperty("mean").GetDouble(), Is.EqualTo(answered.Average()).Within(1e-12));
            Assert.That(root.GetProperty("responses").GetInt32(), Is.EqualTo(31));
            Assert.That(root.GetProperty("what_if").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("medians").GetProperty("same_province").GetProperty("regions").GetInt32(), Is.EqualTo(2), "Tuban and Surabaya are both in Jawa Timur");
        });
    }

    [Test]
    public async Task ProvisionalNationalScores_AreForTheMinistry_AndARegionIsForItsCoordinator()
    {
        using var national = await _coordinators["3523"].GetAsync(new Uri($"/api/v1/periods/{Period}/scores", UriKind.Relative));
        using var other = await _coordinators["3523"].GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/scores", UriKind.Relative));
        using var unknown = await _evaluator.GetAsync(new Uri("/api/v1/periods/2030-S1/scores", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(national.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task ScorePage_ExplainsEveryNumber_InBahasaIndonesiaWithDecimalCommas()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        var page = await client.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/scores", UriKind.Relative));
        var (_, index100, _) = Expected("3523");
        var index = 1 + (4 * index100!.Value / 100);
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain(index.ToString("0.00", CultureInfo.GetCultureInfo("id-ID"))), "the index with two decimals and a decimal comma");
            Assert.That(page, Does.Contain("Sementara"), "live scores are marked provisional");
            Assert.That(page, Does.Contain("Tata Kelola Cerdas"));
            Assert.That(page, Does.Contain("Program governance 2"));
            Assert.That(page, Does.Contain($"/periods/{Period}/regions/3523/entry/governance#ind-"), "indicator values link to where they were entered");
            Assert.That(page, Does.Contain("Bagaimana menaikkan skor"));
        });
    }
}
