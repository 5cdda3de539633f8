using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Domain.Surveys;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Surveys;

public sealed class RespondentSurveyTests
{
    private static readonly Questionnaire V1 = IndicatorFiles.Load(RepositoryPaths.Indicators).Questionnaire("v1")!;
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("survey");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);

        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1");
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _factory.Dispose();
    }

    private async Task<List<string>> LinksAsync(int count, string region = "3523", HttpClient? coordinator = null)
    {
        using var response = await (coordinator ?? _tuban).PostAsJsonAsync(new Uri($"/api/v1/periods/2026-S1/regions/{region}/invitations", UriKind.Relative), new { count });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("links").EnumerateArray().Select(l => new Uri(l.GetString()!).AbsolutePath[3..]).ToList();
    }

    private static object[] FullAnswers(int likert = 4) =>
        V1.Items.Select(i => (object)new
        {
            item = i.Code,
            value = i.Type switch
            {
                ItemTypes.Likert => (object)likert,
                ItemTypes.SingleChoice => i.Options[0].Code,
                ItemTypes.Number => 3,
                _ => "Tuban",
            },
        }).ToArray();

    [Test]
    public void Questionnaire_V1_HasFourLikertItemsPerDimensionAndTheProfileItems()
    {
        foreach (var dimension in new[] { "governance", "branding", "economy", "living", "society", "environment" })
        {
            Assert.That(V1.Items.Count(i => i.Type == ItemTypes.Likert && i.Dimension == dimension), Is.GreaterThanOrEqualTo(4), dimension);
        }

        Assert.That(V1.Items.Select(i => i.Code), Is.SupersetOf(new[] { "P-AGE", "P-SEX", "P-KEC", "P-REL" }));
    }

    [Test]
    public async Task Token_AnswersOnce_EvenUnderTwentyConcurrentSubmits()
    {
        var token = (await LinksAsync(1))[0];
        using var client = _factory.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token, answers = FullAnswers() });
            return response.StatusCode;
        }));
        using var again = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token, answers = FullAnswers() });

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(statuses.Where(s => s != HttpStatusCode.Created), Is.All.EqualTo(HttpStatusCode.Conflict));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM invitation WHERE status = 'completed'"), Is.EqualTo(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response")));
    }

    [Test]
    public async Task AnswerTallies_EqualAFreshAggregateOfTheAnswers_AfterConcurrentResponses()
    {
        var tokens = await LinksAsync(40);
        using var client = _factory.CreateClient();
        var random = new Random(7);
        // Two waves of concurrent responses: at least two write batches, whatever the batching does within a wave.
        var answers = tokens.Select(_ => FullAnswers(random.Next(1, 6))).ToList();
        foreach (var wave in tokens.Select((token, i) => (token, i)).Chunk(20))
        {
            var statuses = await Task.WhenAll(wave.Select(async t =>
            {
                using var response = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = t.token, answers = answers[t.i] });
                return response.StatusCode;
            }));
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Created));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        var difference = await connection.QuerySingleAsync<long>("""
            SELECT count(*) FROM (
                (SELECT period_code, region_code, item_code, likert_sum, likert_count FROM (SELECT period_code, region_code, item_code, sum(likert_sum) AS likert_sum, sum(likert_count) AS likert_count FROM answer_tally GROUP BY 1, 2, 3 HAVING sum(likert_count) > 0) t
                 EXCEPT
                 SELECT r.period_code, r.region_code, a.item_code, sum(a.likert), count(a.likert)
                 FROM response r JOIN answer a ON a.response_id = r.id WHERE a.likert IS NOT NULL GROUP BY 1, 2, 3)
                UNION ALL
                (SELECT r.period_code, r.region_code, a.item_code, sum(a.likert), count(a.likert)
                 FROM response r JOIN answer a ON a.response_id = r.id WHERE a.likert IS NOT NULL GROUP BY 1, 2, 3
                 EXCEPT
                 SELECT period_code, region_code, item_code, likert_sum, likert_count FROM (SELECT period_code, region_code, item_code, sum(likert_sum) AS likert_sum, sum(likert_count) AS likert_count FROM answer_tally GROUP BY 1, 2, 3 HAVING sum(likert_count) > 0) t)) d
            """);
        Assert.That(difference, Is.Zero);
        Assert.That(await connection.QuerySingleAsync<long>("""
            SELECT count(*) FROM (SELECT period_code, region_code, sum(responses) AS responses FROM response_tally GROUP BY 1, 2) t FULL JOIN (SELECT period_code, region_code, count(*) AS n FROM response GROUP BY 1, 2) r USING (period_code, region_code)
            WHERE t.responses IS DISTINCT FROM r.n
            """), Is.Zero);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(DISTINCT item_code) FROM answer_tally"), Is.GreaterThanOrEqualTo(24));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(DISTINCT shard) FROM response_tally"), Is.GreaterThan(1), "the sums are striped over shards");
    }

    [Test]
    public async Task Response_InvalidValues_Get422PerItem_AndUnknownTokenIs404()
    {
        var token = (await LinksAsync(1))[0];
        using var client = _factory.CreateClient();
        var answers = FullAnswers().ToList();
        answers[V1.Items.ToList().FindIndex(i => i.Code == "R-GOV-01")] = new { item = "R-GOV-01", value = 6 };
        answers[V1.Items.ToList().FindIndex(i => i.Code == "P-YRS")] = new { item = "P-YRS", value = "banyak" };

        using var invalid = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token, answers });
        using var unknown = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = "AAAAAAAAAAAAAAAAAAAAAA", answers });

        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"R-GOV-01\"").And.Contain("\"P-YRS\""));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Form_ConsentPagesSaveAndResume_DontKnowIsNoAnswer_UsedLinkIsFriendly()
    {
        var token = (await LinksAsync(1))[0];
        using var phone = _factory.CreateBrowserLikeClient();
        var consent = await phone.GetStringAsync(new Uri($"/s/{token}", UriKind.Relative));
        Assert.That(consent, Does.Contain("UU No. 27 Tahun 2022"));
        Assert.That(System.Net.WebUtility.HtmlDecode(consent), Does.Contain("untuk Kabupaten Tuban").And.Match("[0-9]+ pertanyaan di [0-9]+ halaman, sekitar [0-9]+ menit"), "the consent page names the region, the length and the time");
        await phone.PostAsync(new Uri($"/s/{token}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(consent), ["page"] = "0", ["action"] = "consent" }));

        var profile = await phone.GetStringAsync(new Uri($"/s/{token}", UriKind.Relative));
        Assert.That(profile, Does.Contain("Halaman 1 dari 7"));
        using var bad = await phone.PostAsync(new Uri($"/s/{token}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(profile),
            ["page"] = "1",
            ["action"] = "next",
            ["q:P-AGE"] = "25-34",
            ["q:P-REL"] = "resident",
            ["q:P-YRS"] = "dua puluh",
        }));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(badHtml, Does.Contain("Isi angka antara 0 dan 100").And.Contain("value=\"dua puluh\"").And.Contain("value=\"25-34\" checked"));

        await phone.PostAsync(new Uri($"/s/{token}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(profile),
            ["page"] = "1",
            ["action"] = "next",
            ["q:P-AGE"] = "25-34",
            ["q:P-REL"] = "civil_servant",
            ["q:P-KEC"] = "Jenu",
        }));

        // Leaves half-way; the same link on another day resumes on page 2.
        using var later = _factory.CreateBrowserLikeClient();
        var resumed = await later.GetStringAsync(new Uri($"/s/{token}", UriKind.Relative));
        Assert.That(resumed, Does.Contain("Halaman 2 dari 7"));

        for (var page = 2; page <= 7; page++)
        {
            var html = await later.GetStringAsync(new Uri($"/s/{token}", UriKind.Relative));
            var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(html), ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "next" };
            foreach (var item in V1.Pages[page - 1].Items)
            {
                fields["q:" + item.Code] = item.Code == "R-GOV-01" ? Answers.DontKnow : "5";
            }

            using var next = await later.PostAsync(new Uri($"/s/{token}", UriKind.Relative), new FormUrlEncodedContent(fields));
            Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"page {page}");
        }

        using var used = await later.GetAsync(new Uri($"/s/{token}", UriKind.Relative));
        Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await used.Content.ReadAsStringAsync(), Does.Contain("Tautan sudah digunakan"));
        await using var connection = new NpgsqlConnection(_connectionString);
        var kec = await connection.QuerySingleOrDefaultAsync<string>("SELECT a.text FROM answer a WHERE a.item_code = 'P-KEC' AND a.text = 'Jenu'");
        Assert.That(kec, Is.Null, "P-KEC is only relevant for residents, so it was cleared");
        var dontKnow = await connection.QuerySingleAsync<(bool DontKnow, short? Likert)>("SELECT dont_know, likert FROM answer a JOIN response r ON r.id = a.response_id WHERE a.item_code = 'R-GOV-01' AND a.dont_know LIMIT 1");
        Assert.That(dontKnow, Is.EqualTo((true, (short?)null)), "Tidak tahu is stored as no answer");
    }

    [Test]
    public async Task InvitationBatch_DownloadsAsExcelAndCsv_AndTheCountsShowThem()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, email);
        var page = await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/survey", UriKind.Relative));
        var token = Html.AntiforgeryToken(page);

        using var xlsx = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/survey/invitations", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["count"] = "3", ["format"] = "xlsx" }));
        using var csv = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/survey/invitations", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["count"] = "2", ["format"] = "csv" }));

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = await new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEndAsync();
        Assert.That(System.Text.RegularExpressions.Regex.Matches(sheet, "/s/[A-Za-z0-9_-]{22}"), Has.Count.EqualTo(3));
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3), "header and two links");
        var after = await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/survey", UriKind.Relative));
        Assert.That(after, Does.Match("[0-9]+ tautan: [0-9]+ belum dipakai"));
    }

    [Test]
    public async Task OpenLink_GivesEachDeviceItsOwnLink_WithinTheQuota()
    {
        using var response = await _tuban.PostAsJsonAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/invitations", UriKind.Relative), new { count = 0, open_quota = 2 });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var open = new Uri(body.RootElement.GetProperty("links")[0].GetString()!).AbsolutePath;

        using var first = _factory.CreateBrowserLikeClient();
        using var second = _factory.CreateBrowserLikeClient();
        using var third = _factory.CreateBrowserLikeClient();
        var firstLink = (await first.GetAsync(new Uri(open, UriKind.Relative))).Headers.Location?.ToString();
        var firstAgain = (await first.GetAsync(new Uri(open, UriKind.Relative))).Headers.Location?.ToString();
        var secondLink = (await second.GetAsync(new Uri(open, UriKind.Relative))).Headers.Location?.ToString();
        using var full = await third.GetAsync(new Uri(open, UriKind.Relative));

        Assert.That(firstLink, Does.StartWith("/s/").And.Not.EqualTo(open));
        Assert.That(firstAgain, Is.EqualTo(firstLink), "the same device comes back to its own response");
        Assert.That(secondLink, Is.Not.EqualTo(firstLink));
        Assert.That(full.StatusCode, Is.EqualTo(HttpStatusCode.Gone), "the quota of two devices is used up");
    }

    [Test]
    public async Task Summary_MatchesAHandComputedExample_AndHidesSmallGroups()
    {
        using var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        var links = await LinksAsync(6, "3578", surabaya);
        using var client = _factory.CreateClient();
        var levels = new[] { 1, 2, 4, 5, 5, 4 };
        for (var i = 0; i < links.Count; i++)
        {
            var answers = FullAnswers(levels[i]).ToList();
            if (i == 5)
            {
                answers[V1.Items.ToList().FindIndex(x => x.Code == "R-ENV-01")] = new { item = "R-ENV-01", value = Answers.DontKnow };
                answers[V1.Items.ToList().FindIndex(x => x.Code == "P-AGE")] = new { item = "P-AGE", value = "55+" };
            }

            using var response = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = links[i], answers });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        }

        using var body = JsonDocument.Parse(await surabaya.GetStringAsync(new Uri("/api/v1/periods/2026-S1/regions/3578/responses/summary", UriKind.Relative)));
        var items = body.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!);
        Assert.That(body.RootElement.GetProperty("responses").GetInt32(), Is.EqualTo(6));
        Assert.That(items["R-GOV-01"].GetProperty("mean").GetDecimal(), Is.EqualTo(3.5m), "(1+2+4+5+5+4)/6");
        Assert.That(items["R-GOV-01"].GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32()), Is.EqualTo(new[] { 1, 1, 0, 2, 2 }));
        Assert.That(items["R-ENV-01"].GetProperty("mean").GetDecimal(), Is.EqualTo(3.4m), "(1+2+4+5+5)/5: Tidak tahu is not counted");
        Assert.That(items["R-ENV-01"].GetProperty("dont_know").GetInt32(), Is.EqualTo(1));
        var age = body.RootElement.GetProperty("profile").EnumerateArray().Single(p => p.GetProperty("item").GetString() == "P-AGE").GetProperty("groups").EnumerateArray().ToList();
        Assert.That(age[0].GetProperty("count").GetInt32(), Is.EqualTo(5), "17-24: five respondents are shown");
        Assert.That(age.Single(g => g.GetProperty("label").GetString()!.StartsWith("55", StringComparison.Ordinal)).GetProperty("count").ValueKind, Is.EqualTo(JsonValueKind.Null), "one respondent: hidden");
    }

    private async Task<string> OpenLinkAsync(int quota)
    {
        using var response = await _tuban.PostAsJsonAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/invitations", UriKind.Relative), new { count = 0, open_quota = quota });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Uri(body.RootElement.GetProperty("links")[0].GetString()!).AbsolutePath[3..];
    }

    [Test]
    public async Task OpenCampaignLink_CannotBeAnsweredOrUsedUp_ThroughTheApiOrTheForm()
    {
        var open = await OpenLinkAsync(3);
        await using var connection = new NpgsqlConnection(_connectionString);
        var responsesBefore = await connection.QuerySingleAsync<long>("SELECT count(*) FROM response");
        using var anonymous = _factory.CreateClient();

        using var api = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = open, answers = FullAnswers() });
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await api.Content.ReadAsStringAsync());
        Assert.That(await api.Content.ReadAsStringAsync(), Does.Contain("open campaign link"));

        using var phone = _factory.CreateBrowserLikeClient();
        using var landing = await phone.GetAsync(new Uri($"/s/{open}", UriKind.Relative));
        var own = landing.Headers.Location!.ToString();
        var consent = await phone.GetStringAsync(new Uri(own, UriKind.Relative));
        using var posted = await phone.PostAsync(new Uri($"/s/{open}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(consent),
            ["page"] = "0",
            ["action"] = "next",
        }));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a post to the open link goes where a visit goes");
        Assert.That(posted.Headers.Location?.ToString(), Is.EqualTo($"/s/{open}"));

        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response"), Is.EqualTo(responsesBefore));
        var hash = Survey.Domain.UseCases.InvitationsHandler.Hash(open);
        Assert.That(await connection.QuerySingleAsync<string>("SELECT status FROM invitation WHERE token_hash = @hash", new { hash }), Is.EqualTo("unused"), "the open link is never started or completed");
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response_draft d JOIN invitation i ON i.id = d.invitation_id WHERE i.token_hash = @hash", new { hash }), Is.Zero);

        // New visitors still get their own links.
        using var next = _factory.CreateBrowserLikeClient();
        using var second = await next.GetAsync(new Uri($"/s/{open}", UriKind.Relative));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(second.Headers.Location?.ToString(), Does.StartWith("/s/").And.Not.EqualTo($"/s/{open}"));
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task ThousandRespondentsFromOneAddress_AllComplete_WhileTokenGuessingFromItGets429()
    {
        var links = await LinksAsync(1000);
        using var anonymous = _factory.CreateClient();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (token, cancellationToken) =>
        {
            using var response = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token, answers = FullAnswers() }, cancellationToken);
            statuses.Add(response.StatusCode);
        });
        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Created), "honest respondents behind one address are not throttled together");

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var guess = await anonymous.GetAsync(new Uri($"/s/{Survey.Domain.UseCases.InvitationsHandler.NewToken()}", UriKind.Relative));
            guesses.Add(guess.StatusCode);
        }

        Assert.That(guesses, Does.Contain(HttpStatusCode.TooManyRequests), "guessing tokens from one address is limited");
        Assert.That(guesses.Take(10), Is.All.EqualTo(HttpStatusCode.NotFound));
        // A real respondent's own link still answers from that address.
        var own = (await LinksAsync(1))[0];
        using var page = await anonymous.GetAsync(new Uri($"/s/{own}", UriKind.Relative));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EmptyLikertAnswers_OrOneItemAnsweredTwice_AreRefusedPerItem_AndNothingCounts()
    {
        var links = await LinksAsync(3);
        await using var connection = new NpgsqlConnection(_connectionString);
        var before = await connection.QuerySingleAsync<long>("SELECT count(*) FROM response");
        using var anonymous = _factory.CreateClient();

        var codes = V1.Items.Select(i => i.Code).ToList();
        var missing = FullAnswers().Where((_, i) => codes[i] != "R-ENV-02").ToArray();
        using (var response = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = links[0], answers = missing }))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("R-ENV-02"), "the missing item is named");
        }

        var twice = FullAnswers().Append(new { item = "R-GOV-01", value = (object)1 }).ToArray();
        using (var response = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = links[1], answers = twice }))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("R-GOV-01").And.Contain("more than once"));
        }

        // Through the form: a page of statements sent without any answer comes back with the message at each item.
        using var phone = _factory.CreateBrowserLikeClient();
        var consent = await phone.GetStringAsync(new Uri($"/s/{links[2]}", UriKind.Relative));
        await phone.PostAsync(new Uri($"/s/{links[2]}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(consent),
            ["page"] = "0",
            ["action"] = "next",
        }));
        var profile = await phone.GetStringAsync(new Uri($"/s/{links[2]}", UriKind.Relative));
        await phone.PostAsync(new Uri($"/s/{links[2]}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(profile),
            ["page"] = "1",
            ["action"] = "next",
            ["q:P-AGE"] = "25-34",
            ["q:P-REL"] = "civil_servant",
        }));
        var statements = await phone.GetStringAsync(new Uri($"/s/{links[2]}", UriKind.Relative));
        Assert.That(statements, Does.Contain("Halaman 2 dari 7"));
        using var empty = await phone.PostAsync(new Uri($"/s/{links[2]}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(statements),
            ["page"] = "2",
            ["action"] = "next",
        }));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var html = await empty.Content.ReadAsStringAsync();
        Assert.That(System.Text.RegularExpressions.Regex.Count(html, "Pertanyaan ini perlu dijawab"), Is.EqualTo(V1.Pages[1].Items.Count), "every unanswered statement says so");
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response"), Is.EqualTo(before), "nothing counted");
    }
}
