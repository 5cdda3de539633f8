using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Dapper;
using Npgsql;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Exports;

/// <summary>The region report of a published period reads each row wholly from the snapshot.</summary>
public sealed class PublishedReportTests
{
    [Test]
    public async Task ACorrectionAfterPublication_DoesNotMixIntoThePublishedReportRow()
    {
        var period = "2026-S1";
        var connectionString = TestDatabase.CreateMigrated("published-report");
        using var factory = new SurveyWebFactory(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, period);
        await TestWorld.GenerateAsync(factory, new GenerationPlan(period, [TestWorld.Tuban, TestWorld.Surabaya], 35, 6, Seed: 5, Status: "approved"));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            UPDATE indicator_value SET numerator = 25, denominator = 200, value = 12.5, source_agency = 'BPS Tuban (terbit)'
            WHERE period_code = @period AND region_code = '3523' AND indicator_key = '37122:5.1'
            """, new { period });
        (await admin.PostAsync(new Uri($"/api/v1/periods/{period}/close", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using (var published = await admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{period}/publish", UriKind.Relative), new { }))
        {
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), await published.Content.ReadAsStringAsync());
        }

        // A correction of the live data after publication.
        await connection.ExecuteAsync("""
            UPDATE indicator_value SET numerator = 30, denominator = 100, value = 30, source_agency = 'BPS Tuban (koreksi)'
            WHERE period_code = @period AND region_code = '3523' AND indicator_key = '37122:5.1'
            """, new { period });

        using var evaluator = await TestUsers.ApiClientAsync(factory, UserRoles.Evaluator);
        using var response = await evaluator.GetAsync(new Uri($"/periods/{period}/regions/3523/report.xlsx", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var row = workbook.Worksheets.SelectMany(s => s.RowsUsed()).Single(r => r.Cell(1).GetString() == "37122:5.1");
        Assert.Multiple(() =>
        {
            Assert.That(row.Cell(4).GetDouble(), Is.EqualTo(12.5), "value from the snapshot");
            Assert.That(row.Cell(5).GetDouble(), Is.EqualTo(25), "numerator from the snapshot");
            Assert.That(row.Cell(6).GetDouble(), Is.EqualTo(200), "denominator from the snapshot");
            Assert.That(row.Cell(11).GetString(), Does.Contain("BPS Tuban (terbit)").And.Not.Contain("koreksi"), "source from the snapshot");
        });
    }
}
