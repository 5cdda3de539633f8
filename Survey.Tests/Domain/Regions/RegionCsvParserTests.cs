using Survey.Domain.Regions;

namespace Survey.Tests.Domain.Regions;

public sealed class RegionCsvParserTests
{
    private const string Good = """
        code,name,kind,province
        3523,Kabupaten Tuban,kabupaten,Jawa Timur
        3578,Kota Surabaya,kota,Jawa Timur
        "3273","Kota Bandung",KOTA,"Jawa Barat"
        """;

    private System.Globalization.CultureInfo _culture = System.Globalization.CultureInfo.CurrentUICulture;

    /// <summary>These tests read the English messages (the Indonesian ones are checked through the API).</summary>
    [SetUp]
    public void InEnglish()
    {
        _culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
    }

    [TearDown]
    public void Restore() => System.Globalization.CultureInfo.CurrentUICulture = _culture;

    [Test]
    public void Parse_GoodFile_ReturnsEveryRegion()
    {
        var (regions, errors) = RegionCsvParser.Parse(Good);

        Assert.That(errors, Is.Empty);
        Assert.That(regions, Is.EqualTo(new[]
        {
            new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur"),
            new Region("3578", "Kota Surabaya", RegionKind.Kota, "Jawa Timur"),
            new Region("3273", "Kota Bandung", RegionKind.Kota, "Jawa Barat"),
        }));
    }

    [Test]
    public void Parse_OneBadRow_ReturnsNoRegionsAndNamesTheLine()
    {
        var (regions, errors) = RegionCsvParser.Parse(Good + "\n35X1,Kabupaten Contoh,desa,Jawa Timur");

        Assert.That(regions, Is.Empty);
        Assert.That(errors, Is.EqualTo(new[] { "line 5: A region code is the four-digit BPS code, e.g. 3523. The kind of region is kabupaten or kota." }));
    }

    [Test]
    public void Parse_DuplicateCodeAndWrongFieldCount_ReportsEachLine()
    {
        var (regions, errors) = RegionCsvParser.Parse("code,name,kind,province\n3523,Kabupaten Tuban,kabupaten,Jawa Timur\n3523,Kabupaten Tuban,kabupaten,Jawa Timur\n3524,Kabupaten Lamongan,kabupaten\n");

        Assert.That(regions, Is.Empty);
        Assert.That(errors, Is.EqualTo(new[]
        {
            "line 3: code 3523 appears already on line 2",
            "line 4: expected 4 fields (code,name,kind,province), found 3",
        }));
    }

    [Test]
    public void Parse_SemicolonSeparatedWithBom_IsAccepted()
    {
        var (regions, errors) = RegionCsvParser.Parse("\uFEFFcode;name;kind;province\r\n3523;Kabupaten Tuban;kabupaten;Jawa Timur\r\n");

        Assert.That(errors, Is.Empty);
        Assert.That(regions.Single().Name, Is.EqualTo("Kabupaten Tuban"));
    }

    [Test]
    public void Parse_WrongHeader_IsRejected() =>
        Assert.That(RegionCsvParser.Parse("kode,nama\n3523,Tuban").Errors.Single(), Does.StartWith("line 1: the header must be code,name,kind,province"));
}
