using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Reviews;

/// <summary>The bell and the reminder before entry closes.</summary>
public sealed class NotificationTests
{
    [Test]
    public async Task PeriodClosingWithinAWeek_RemindsCoordinatorsWhoHaveNotSubmitted_OnceAndShownInTheBell()
    {
        var connectionString = TestDatabase.CreateMigrated("notify");
        await TestWorld.SeedRegionsAsync(connectionString);
        var closes = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(3);
        string tuban;
        using (var factory = new SurveyWebFactory(connectionString))
        {
            using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
            await admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code = "2026-S2", entry_opens = "2026-07-01", entry_closes = closes.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), methodology = "v1" });
            await admin.PostAsync(new Uri("/api/v1/periods/2026-S2/open", UriKind.Relative), null);
            tuban = await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "3523");
            var surabaya = await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "3578");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.ExecuteAsync("INSERT INTO submission (period_code, region_code, status) VALUES ('2026-S2', '3578', 'submitted')");
        }

        // The reminder runs when the app starts (and hourly); starting twice reminds once.
        for (var start = 0; start < 2; start++)
        {
            using var factory = new SurveyWebFactory(connectionString);
            using var client = factory.CreateBrowserLikeClient();
            await TestUsers.SignInAsync(client, tuban);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            string page;
            do
            {
                page = await client.GetStringAsync(new Uri("/notifications", UriKind.Relative));
            }
            while (!page.Contains("ditutup", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));

            Assert.That(page, Does.Contain("data daerah Anda belum dikirim"));
            Assert.That(page, Does.Contain("Notifikasi: 1 belum dibaca"), "the bell counts the unread reminder");
        }

        await using var db = new NpgsqlConnection(connectionString);
        var kinds = (await db.QueryAsync<(string Email, string Kind)>("SELECT u.email, n.kind FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'period_closing'")).ToList();
        Assert.That(kinds.Select(k => k.Email), Is.EqualTo(new[] { tuban }), "once, and not to Surabaya, which has submitted");
    }
}
