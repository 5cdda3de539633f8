using Survey.Data.Catalogue;
using Survey.Domain.Catalogue;
using Survey.Domain.DataFiles;
using Survey.Tests.Support;

namespace Survey.Tests.Domain.Catalogue;

public sealed class IndicatorSearchTests
{
    private static readonly IndicatorData Data = IndicatorFiles.Load(RepositoryPaths.Indicators);

    private static List<string> Search(string? q, string? theme = null, string? dimension = null) =>
        IndicatorSearch.Filter(Data.Catalogue, Data.Methodology("v1"), q, theme, dimension).Select(i => i.Key).ToList();

    [TestCase("16.1")]
    [TestCase("37122:16.1")]
    [TestCase(" 16.1 ")]
    public void Filter_Clause_FindsExactlyThatIndicator(string query) =>
        Assert.That(Search(query), Is.EqualTo(new[] { "37122:16.1" }));

    [Test]
    public void Filter_ClauseWithTwoDigitSibling_DoesNotMatchTheSibling() =>
        Assert.That(Search("7.1"), Is.EqualTo(new[] { "37122:7.1" }));

    [Test]
    public void Filter_IndonesianWord_FindsTheSolidWasteTheme()
    {
        var found = Search("sampah");

        Assert.That(found, Is.SupersetOf(Enumerable.Range(1, 6).Select(i => $"37122:16.{i}")));
    }

    [Test]
    public void Filter_EnglishWord_FindsWasteAndWastewater()
    {
        var found = Search("waste");

        Assert.That(found, Is.SupersetOf(Enumerable.Range(1, 6).Select(i => $"37122:16.{i}")));
        Assert.That(found, Does.Contain("37122:22.1"));
    }

    [Test]
    public void Filter_AccentsAndCase_AreIgnored() =>
        Assert.That(Search("SAMPAH ELEKTRONIK"), Is.EqualTo(new[] { "37122:16.6" }));

    [Test]
    public void Filter_ThemeAndDimension_Narrow()
    {
        Assert.That(Search(null, theme: "16"), Has.Count.EqualTo(6));
        Assert.That(Search(null, dimension: "branding"), Is.EquivalentTo(new[] { "37122:14.1", "37122:17.1", "37122:17.2" }));
        Assert.That(Search(null), Has.Count.EqualTo(80));
    }

    [Test]
    public void Filter_NothingMatches_ReturnsEmpty() => Assert.That(Search("zzzz"), Is.Empty);
}
