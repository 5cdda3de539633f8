using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Domain.Common;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Reviews;

/// <summary>
/// One change of each kind, through the app's own write paths, and the audit row each leaves with who,
/// old and new value: a value, a programme, a risk, evidence, the submission status, a verified level, an
/// evaluator assignment, a period, a region and a methodology revision.
/// </summary>
public sealed class AuditCoverageTests
{
    private const string Period = "2026-S1";

    [Test]
    public async Task EveryKindOfChange_LeavesAnAuditRowWithOldAndNewValue()
    {
        var connectionString = TestDatabase.CreateMigrated("auditkinds");
        await TestWorld.SeedRegionsAsync(connectionString);
        Guid tubanId, assigned;
        using (var factory = new SurveyWebFactory(connectionString))
        {
            using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
            await TestWorld.OpenPeriodAsync(admin, Period);
            var email = await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "3523");
            using var tuban = factory.CreateClient();
            tuban.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(tuban, email));
            var values = $"/api/v1/periods/{Period}/regions/3523/indicator-values";
            await tuban.PutAsJsonAsync(new Uri(values, UriKind.Relative), new[] { new { key = "37122:5.1", value = 10, source = "BPS" } });
            await tuban.PutAsJsonAsync(new Uri(values, UriKind.Relative), new[] { new { key = "37122:5.1", value = 12, source = "BPS" } });
            object Programme(string name, int likelihood) => new { dimension = "governance", element = "pelayanan-publik", name, maturity_level = 3, justification = "SOP", risks = new[] { new { title = "Anggaran", likelihood, impact = 2 } } };
            using (var put = await tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), new[] { Programme("Mal Pelayanan", 2) }))
            {
                Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            using var list = JsonDocument.Parse(await tuban.GetStringAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative)));
            var programmeId = list.RootElement[0].GetProperty("id").GetGuid();
            await tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), new[]
            {
                new { id = programmeId, dimension = "governance", element = "pelayanan-publik", name = "Mal Pelayanan Publik", maturity_level = 3, justification = "SOP", risks = new[] { new { title = "Anggaran", likelihood = 4, impact = 2 } } },
            });

            using var scope = factory.Services.CreateScope();
            await using var connection = new NpgsqlConnection(connectionString);
            tubanId = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @Email", new { Email = email });
            var evidence = scope.ServiceProvider.GetRequiredService<IEvidenceRepository>();
            var link = await evidence.AddLinkAsync(new Scope(Period, "3523"), "37122:5.1", "https://data.tubankab.go.id/laporan", tubanId, CancellationToken.None);
            await evidence.DeleteAsync(new Scope(Period, "3523"), link, tubanId, CancellationToken.None);
            await connection.ExecuteAsync("UPDATE submission SET status = 'submitted' WHERE region_code = '3523'");
            var evaluator = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE role = 'admin' LIMIT 1");
            var reviews = scope.ServiceProvider.GetRequiredService<IReviewRepository>();
            await reviews.SaveAsync(new Scope(Period, "3523"), [], [new VerifiedLevel(programmeId, 2, "Belum terintegrasi")], evaluator, CancellationToken.None);
            await reviews.DecideAsync(new Scope(Period, "3523"), "approve", null, evaluator, CancellationToken.None);
            var evaluatorEmail = await TestUsers.CreateAsync(factory, UserRoles.Evaluator);
            assigned = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @Email", new { Email = evaluatorEmail });
            await reviews.AssignAsync("3523", [assigned, tubanId], evaluator, CancellationToken.None);
            await admin.PostAsync(new Uri($"/api/v1/periods/{Period}/close", UriKind.Relative), null);
        }

        // A changed methodology file becomes a new revision at the next start, and that is audited too.
        using var folder = new IndicatorFolder();
        folder.Edit(IndicatorFolder.Methodology, node => node["indicators"]![0]!["weight"] = 2);
        using (var restarted = new SurveyWebFactory(connectionString, folder.Path))
        {
            using var client = restarted.CreateClient();
            Assert.That((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await using var db = new NpgsqlConnection(connectionString);
        var rows = (await db.QueryAsync<(string Entity, string Action, Guid? Actor, string? Old, string? New)>(
            "SELECT entity, action, actor_id, old_value::text, new_value::text FROM audit_event ORDER BY id")).ToList();
        (string Entity, string Action, Guid? Actor, string? Old, string? New) Find(string entity, string action) =>
            rows.LastOrDefault(r => r.Entity == entity && r.Action == action);

        Assert.Multiple(() =>
        {
            var value = Find("indicator_value", "update");
            Assert.That(value.Old, Does.Contain("\"value\": 10"), "value: old");
            Assert.That(value.New, Does.Contain("\"value\": 12"), "value: new");
            Assert.That(value.Actor, Is.EqualTo(tubanId), "value: who");
            var programme = Find("programme", "update");
            Assert.That(programme.Old, Does.Contain("Mal Pelayanan\""), "programme: old");
            Assert.That(programme.New, Does.Contain("Mal Pelayanan Publik"), "programme: new");
            // The risk was sent without its id, so it is a new risk; the old one is removed, each with its own row.
            Assert.That(Find("programme_risk", "delete").Old, Does.Contain("\"likelihood\": 2").And.Contain("Mal Pelayanan Publik"), "risk: old");
            Assert.That(Find("programme_risk", "create").New, Does.Contain("\"likelihood\": 4"), "risk: new");
            Assert.That(Find("evidence", "create").New, Does.Contain("data.tubankab.go.id"), "evidence added");
            Assert.That(Find("evidence", "delete").Old, Does.Contain("data.tubankab.go.id"), "evidence removed");
            Assert.That(Find("programme", "verify").New, Does.Contain("\"verified_level\": 2"), "verified level");
            Assert.That(Find("submission", "approve").Old, Does.Contain("submitted"), "status: old");
            Assert.That(Find("submission", "approve").New, Does.Contain("approved"), "status: new");
            Assert.That(Find("evaluator_assignment", "assign").New, Does.Contain(assigned.ToString()).And.Not.Contain(tubanId.ToString()), "assignment: only evaluators");
            Assert.That(Find("period", "closed").Old, Does.Contain("open"), "period: old");
            Assert.That(Find("period", "closed").New, Does.Contain("closed"), "period: new");
            Assert.That(Find("region", "import").New, Does.Contain("3523"), "regions");
            Assert.That(Find("methodology", "revision").New, Does.Contain("v1.2"), "methodology revision");
        });
    }
}
