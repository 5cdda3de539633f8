using Survey.Domain.Regions;

namespace Survey.Tests.Domain.Regions;

public sealed class RegionTimeTests
{
    [TestCase("3523", "WIB", 7)]   // Kabupaten Tuban, Jawa Timur
    [TestCase("6171", "WIB", 7)]   // Kota Pontianak, Kalimantan Barat
    [TestCase("6271", "WIB", 7)]   // Kota Palangka Raya, Kalimantan Tengah
    [TestCase("5171", "WITA", 8)]  // Kota Denpasar, Bali
    [TestCase("6471", "WITA", 8)]  // Kota Balikpapan, Kalimantan Timur
    [TestCase("7371", "WITA", 8)]  // Kota Makassar, Sulawesi Selatan
    [TestCase("8171", "WIT", 9)]   // Kota Ambon, Maluku
    [TestCase("9471", "WIT", 9)]   // Kota Jayapura, Papua
    public void TheZone_FollowsTheProvince(string region, string zone, int hours)
    {
        var found = RegionTime.Of(region);

        Assert.That((found.Name, found.Offset), Is.EqualTo((zone, TimeSpan.FromHours(hours))));
    }

    [Test]
    public void EntryCloses_At2359LocalTime()
    {
        var end = IndonesianTimeZone.Wita.EndOf(new DateOnly(2026, 12, 31));

        Assert.That(end, Is.EqualTo(new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero)));
    }

    [Test]
    public void EveryProvince_HasItsZoneFromTheDataFile()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RegionTime.Provinces, Has.Count.EqualTo(38));
            Assert.That(RegionTime.Provinces.Values.GroupBy(z => z.Name).ToDictionary(g => g.Key, g => g.Count()),
                Is.EquivalentTo(new Dictionary<string, int> { ["WIB"] = 18, ["WITA"] = 12, ["WIT"] = 8 }));
        });
    }

    [Test]
    public void ASurveyLink_ExpiresAtTheEndOfTheLastEntryDay_InTheRegionsOwnZone()
    {
        var period = new Survey.Domain.Periods.Period("2026-S2", new DateOnly(2026, 7, 1), new DateOnly(2026, 12, 31), "v1", 1, "v1", Survey.Domain.Periods.PeriodStatus.Open);

        Assert.Multiple(() =>
        {
            Assert.That(Survey.Domain.UseCases.InvitationsHandler.ExpiryOf(period, new Survey.Domain.Common.Scope("2026-S2", "3523")),
                Is.EqualTo(new DateTimeOffset(2026, 12, 31, 16, 59, 0, TimeSpan.Zero)), "Tuban: 23.59 WIB");
            Assert.That(Survey.Domain.UseCases.InvitationsHandler.ExpiryOf(period, new Survey.Domain.Common.Scope("2026-S2", "5171")),
                Is.EqualTo(new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero)), "Denpasar: 23.59 WITA");
            Assert.That(Survey.Domain.UseCases.InvitationsHandler.ExpiryOf(period, new Survey.Domain.Common.Scope("2026-S2", "9471")),
                Is.EqualTo(new DateTimeOffset(2026, 12, 31, 14, 59, 0, TimeSpan.Zero)), "Jayapura: 23.59 WIT");
        });
    }
}
