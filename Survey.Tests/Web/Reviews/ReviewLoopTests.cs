using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Domain.Common;
using Survey.Domain.Scoring;
using Survey.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Reviews;

/// <summary>
/// The whole review loop through HTTP: submit, return two values, only those reopen, resubmit, the diff
/// shows exactly the two changes, approve (with a verified level the score then uses), everything locks,
/// publish; with the audit rows, notifications and mails it leaves.
/// </summary>
public sealed class ReviewLoopTests
{
    private const string Period = "2026-S1";
    private const string Values = $"/api/v1/periods/{Period}/regions/3523/indicator-values";
    private static readonly string[] Keys = IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private string _mailFolder = null!;
    private HttpClient _admin = null!;
    private HttpClient _evaluator = null!;
    private HttpClient _tuban = null!;
    private string _evaluatorEmail = null!;
    private string _tubanEmail = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("reviews");
        _mailFolder = Directory.CreateTempSubdirectory("survey-mail-").FullName;
        _factory = new SurveyWebFactory(_connectionString, settings: new Dictionary<string, string>
        {
            ["Survey:Mail:PickupDirectory"] = _mailFolder,
            ["Survey:Mail:IntervalSeconds"] = "0.2",
        });
        await TestWorld.SeedRegionsAsync(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        _evaluatorEmail = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        _evaluator = _factory.CreateClient();
        _evaluator.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(_evaluator, _evaluatorEmail));
        _tubanEmail = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        _tuban = _factory.CreateClient();
        _tuban.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(_tuban, _tubanEmail));
        await TestWorld.OpenPeriodAsync(_admin, Period);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _admin.Dispose();
        _evaluator.Dispose();
        _tuban.Dispose();
        _factory.Dispose();
        Directory.Delete(_mailFolder, recursive: true);
    }

    private static object Value(string key, decimal value) => new { key, value, source = "BPS", source_year = 2025 };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<int> UnreadAsync(string email, string kind)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.QuerySingleAsync<int>(
            "SELECT count(*)::integer FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = @Email AND n.kind = @Kind AND n.read_at IS NULL", new { Email = email, Kind = kind });
    }

    [Test]
    public async Task ReturnTwoValues_OnlyThoseReopen_DiffShowsBoth_ApproveLocks_VerifiedLevelScores_PublishFreezes()
    {
        // The coordinator fills the form (three values, the rest "not available") and one programme, and submits.
        string[] valued = ["37122:5.1", "37122:10.2", "37122:16.1"];
        var entries = Keys.Except(valued).Select(k => (object)new { key = k, not_available_reason = "Belum dikumpulkan" }).ToList();
        entries.AddRange([Value("37122:5.1", 40m), Value("37122:10.2", 55m), Value("37122:16.1", 60m)]);
        using (var put = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), entries))
        {
            await JsonAsync(put, HttpStatusCode.OK);
        }

        using (var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), new[]
        {
            new { dimension = "governance", element = "pelayanan-publik", name = "Mal Pelayanan Publik", maturity_level = 4, justification = "SOP tersedia", risks = new[] { new { title = "Anggaran", likelihood = 2, impact = 3 } } },
        }))
        {
            await JsonAsync(put, HttpStatusCode.OK);
        }

        using (var submitted = await _tuban.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/submit", UriKind.Relative), null))
        {
            await JsonAsync(submitted, HttpStatusCode.OK);
        }

        Assert.That(await UnreadAsync(_evaluatorEmail, "submitted"), Is.EqualTo(1), "the evaluator is told that Tuban submitted");
        Assert.That(await UnreadAsync(_tubanEmail, "period_opened"), Is.EqualTo(1), "coordinators were told that the period opened");
        var queue = await JsonAsync(await _evaluator.GetAsync(new Uri($"/api/v1/periods/{Period}/reviews", UriKind.Relative)), HttpStatusCode.OK);
        Assert.That(queue.EnumerateArray().Single(r => r.GetProperty("region").GetString() == "3523").GetProperty("status").GetString(), Is.EqualTo("submitted"));

        // Returning without a reason is refused per item, and nothing is written.
        using (var noReason = await _evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/review", UriKind.Relative),
            new { decision = "return", returned_items = new[] { new { key = "37122:5.1", reason = " " } } }))
        {
            var body = await JsonAsync(noReason, HttpStatusCode.UnprocessableEntity);
            Assert.That(body.GetProperty("errors").GetProperty("indicator:37122:5.1")[0].GetString(), Does.Contain("alasan"));
        }

        using (var approveEarly = await _evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/review", UriKind.Relative), new { decision = "return" }))
        {
            await JsonAsync(approveEarly, HttpStatusCode.Conflict);
        }

        // The evaluator returns two values with reasons.
        var returned = await JsonAsync(await _evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/review", UriKind.Relative), new
        {
            decision = "return",
            comment = "Mohon periksa dua nilai ini.",
            returned_items = new[] { new { key = "37122:5.1", reason = "Sumber data tidak sesuai" }, new { key = "37122:10.2", reason = "Nilai melebihi jumlah layanan" } },
            accepted_items = new[] { "37122:16.1" },
        }), HttpStatusCode.OK);
        Assert.That(returned.GetProperty("status").GetString(), Is.EqualTo("returned"));
        Assert.That(await UnreadAsync(_tubanEmail, "returned"), Is.EqualTo(1), "the coordinator is told about the return");

        // Only the two returned values can change now.
        using (var other = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new[] { Value("37122:16.1", 61m) }))
        {
            await JsonAsync(other, HttpStatusCode.Conflict);
        }

        using (var programmeChange = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), Array.Empty<object>()))
        {
            await JsonAsync(programmeChange, HttpStatusCode.Conflict);
        }

        using (var fix = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new[] { Value("37122:5.1", 42.5m), Value("37122:10.2", 50m) }))
        {
            await JsonAsync(fix, HttpStatusCode.OK);
        }

        using (var browser = _factory.CreateBrowserLikeClient())
        {
            await TestUsers.SignInAsync(browser, _tubanEmail);
            var page = await browser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative));
            Assert.That(page, Does.Contain("Sumber data tidak sesuai").And.Contain("Evaluator mengembalikan 2 butir"));
        }

        using (var resubmitted = await _tuban.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/submit", UriKind.Relative), null))
        {
            await JsonAsync(resubmitted, HttpStatusCode.OK);
        }

        // The evaluator sees exactly the two changes, old and new, who and when.
        using (var browser = _factory.CreateBrowserLikeClient())
        {
            await TestUsers.SignInAsync(browser, _evaluatorEmail);
            var page = await browser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/review", UriKind.Relative));
            Assert.That(page, Does.Contain("Perubahan sejak dikembalikan (2 butir)"));
            var diff = page[page.IndexOf("changes-heading", StringComparison.Ordinal)..page.IndexOf("</section>", page.IndexOf("changes-heading", StringComparison.Ordinal), StringComparison.Ordinal)];
            Assert.That(diff, Does.Contain(">5.1 ").And.Contain("40").And.Contain("42,5").And.Contain(">10.2 ").And.Contain("55").And.Contain("50").And.Contain("Pengguna Uji"));
            Assert.That(diff, Does.Not.Contain("37122:16.1"));
        }

        // Approve with a verified level 2 for the programme (self-assessed 4).
        var programmeId = (await JsonAsync(await _tuban.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative)), HttpStatusCode.OK))
            .EnumerateArray().Single().GetProperty("id").GetGuid();
        var approved = await JsonAsync(await _evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/review", UriKind.Relative), new
        {
            decision = "approve",
            verified_levels = new[] { new { programme = programmeId, level = 2, note = "SOP belum ditetapkan" } },
        }), HttpStatusCode.OK);
        Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));
        using (var locked = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new[] { Value("37122:5.1", 43m) }))
        {
            await JsonAsync(locked, HttpStatusCode.Conflict);
        }

        var scores = await JsonAsync(await _tuban.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative)), HttpStatusCode.OK);
        var governance = scores.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == "governance");
        Assert.That(governance.GetProperty("programmes").GetDouble(), Is.EqualTo(25), "the verified level 2 (25 * (2 - 1)) replaces the self-assessed 4");

        // Every step left its audit row with old and new values.
        await using var connection = new NpgsqlConnection(_connectionString);
        var value = await connection.QuerySingleAsync<(string Old, string New)>(
            "SELECT old_value::text, new_value::text FROM audit_event WHERE entity = 'indicator_value' AND entity_key = '37122:5.1' AND old_value IS NOT NULL ORDER BY id DESC LIMIT 1");
        Assert.That(value.Old, Does.Contain("40"));
        Assert.That(value.New, Does.Contain("42.5"));
        var verify = await connection.QuerySingleAsync<(string Old, string New)>("SELECT old_value::text, new_value::text FROM audit_event WHERE entity = 'programme' AND action = 'verify'");
        Assert.That(verify.New, Does.Contain("\"verified_level\": 2"));
        Assert.That(await connection.QueryAsync<string>("SELECT action FROM audit_event WHERE entity = 'submission' ORDER BY id"), Is.EqualTo(new[] { "submit", "return", "submit", "approve" }));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event WHERE entity = 'review_mark'"), Is.EqualTo(3));

        // Close and publish; the content hash verifies; a later correction and a new goalpost change nothing published.
        using (var closed = await _admin.PostAsync(new Uri($"/api/v1/periods/{Period}/close", UriKind.Relative), null))
        {
            await JsonAsync(closed, HttpStatusCode.OK);
        }

        var published = await JsonAsync(await _admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/publish", UriKind.Relative), new { }), HttpStatusCode.OK);
        var hash = published.GetProperty("snapshot").GetProperty("content_hash").GetString();
        var before = (await JsonAsync(await _tuban.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative)), HttpStatusCode.OK)).GetProperty("index").GetDouble();
        await connection.ExecuteAsync("UPDATE indicator_value SET value = 99 WHERE period_code = @Period AND indicator_key = '37122:5.1'", new { Period });
        // Both changes touch what the engine reads: the value and the goalpost in the methodology definition.
        await connection.ExecuteAsync("""
            UPDATE methodology_version m SET definition = jsonb_set(m.definition,
                ARRAY['indicators', (SELECT (i.ord - 1)::text FROM jsonb_array_elements(m.definition->'indicators') WITH ORDINALITY i(e, ord) WHERE i.e->>'key' = '37122:5.1'), 'best'],
                '50')
            WHERE m.definition->'indicators' @> '[{"key": "37122:5.1"}]'
            """);
        var after = await JsonAsync(await _tuban.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative)), HttpStatusCode.OK);
        Assert.That(after.GetProperty("index").GetDouble(), Is.EqualTo(before));
        Assert.That(after.GetProperty("snapshot").GetProperty("content_hash").GetString(), Is.EqualTo(hash));
        using var scope = _factory.Services.CreateScope();
        var repository = scope.ServiceProvider.GetRequiredService<IScoreRepository>();
        var snapshot = (await repository.ListSnapshotsAsync(Period, CancellationToken.None)).Single();
        Assert.That(await repository.VerifyAsync(snapshot, CancellationToken.None), Is.True);
        using (var republishWithoutReason = await _admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/publish", UriKind.Relative), new { }))
        {
            await JsonAsync(republishWithoutReason, HttpStatusCode.UnprocessableEntity);
        }

        // The notifications went out by mail too (pickup folder).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Directory.GetFiles(_mailFolder, "*.eml").Length < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var mails = Directory.GetFiles(_mailFolder, "*.eml").Select(File.ReadAllText).ToList();
        Assert.That(mails, Has.Some.Contains(_evaluatorEmail));
        Assert.That(mails, Has.Some.Contains(_tubanEmail));
    }

    [Test]
    public async Task FailedWrite_LeavesNeitherTheChangeNorItsAuditRow()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.ExecuteAsync("INSERT INTO period (code, entry_opens, entry_closes, methodology) VALUES ('2024-S1', '2024-01-01', '2024-06-30', 'v1') ON CONFLICT DO NOTHING");
        var before = await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event");
        using var scope = _factory.Services.CreateScope();
        var programmes = scope.ServiceProvider.GetRequiredService<IProgrammeRepository>();
        var actor = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @Email", new { Email = _tubanEmail });
        // The programme row is written first; the risk breaks a database rule afterwards (likelihood 9).
        var broken = new Programme(Guid.NewGuid(), "governance", "pelayanan-publik", "Program gagal", null, null, null, null, 3, "SOP", [new Risk(Guid.NewGuid(), "Risiko", 9, 1, null, null)]);
        Assert.That(async () => await programmes.SaveAsync(new Scope("2024-S1", "3523"), broken, actor, CancellationToken.None), Throws.InstanceOf<PostgresException>());
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM programme WHERE name = 'Program gagal'"), Is.Zero);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event"), Is.EqualTo(before));
    }

    [Test]
    public async Task ReviewPage_ReturnWithoutReason_ComesBackWithWhatWasTyped_AndQueueAndHistoryRender()
    {
        await TestWorld.SeedRegionsAsync(_connectionString, new Survey.Domain.Regions.Region("3404", "Kabupaten Sleman", Survey.Domain.Regions.RegionKind.Kabupaten, "DI Yogyakarta"));
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.ExecuteAsync("INSERT INTO submission (period_code, region_code, status, submitted_at, round) VALUES (@Period, '3404', 'submitted', now(), 1) ON CONFLICT DO NOTHING", new { Period });
        }

        using var browser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, _evaluatorEmail);
        var page = await browser.GetStringAsync(new Uri($"/periods/{Period}/regions/3404/review", UriKind.Relative));
        using var response = await browser.PostAsync(new Uri($"/periods/{Period}/regions/3404/review", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["state:indicator:37122:5.1"] = "returned",
            ["reason:indicator:37122:5.1"] = "",
            ["comment:indicator:37122:5.1"] = "Komentar <b>uji</b>",
            ["decision_comment"] = "Catatan keputusan saya",
            ["action"] = "return",
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Tulis alasan pengembalian").And.Contain("Catatan keputusan saya").And.Contain("Komentar &lt;b&gt;uji&lt;/b&gt;"));
        Assert.That(html, Does.Contain("<option value=\"returned\" selected=\"selected\">"));

        var queue = await browser.GetStringAsync(new Uri($"/periods/{Period}/reviews?status=submitted", UriKind.Relative));
        Assert.That(queue, Does.Contain("Kabupaten Sleman"));
        var history = await browser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/history", UriKind.Relative));
        Assert.That(history, Does.Contain("Riwayat perubahan"));
    }
}
