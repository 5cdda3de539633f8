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
}
