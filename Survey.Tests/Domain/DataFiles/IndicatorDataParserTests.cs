using System.Text.Json.Nodes;
using Survey.Data.Catalogue;
using Survey.Domain.Catalogue;
using Survey.Domain.DataFiles;
using Survey.Tests.Support;

namespace Survey.Tests.Domain.DataFiles;

public sealed class IndicatorDataParserTests
{
    private static IndicatorData LoadShipped() => IndicatorFiles.Load(RepositoryPaths.Indicators);

    private static DataFileException LoadBroken(Action<IndicatorFolder> breakIt)
    {
        using var folder = new IndicatorFolder();
        breakIt(folder);
        return Assert.Throws<DataFileException>(() => IndicatorFiles.Load(folder.Path))!;
    }

    [Test]
    public void Load_ShippedFiles_HoldAll80IndicatorsIn19Themes()
    {
        var data = LoadShipped();

        Assert.That(data.Catalogue.Standard, Is.EqualTo("SNI ISO 37122:2019"));
        Assert.That(data.Catalogue.Indicators, Has.Count.EqualTo(80));
        Assert.That(data.Catalogue.Themes.Select(t => t.Clause), Is.EqualTo(Enumerable.Range(5, 19)));
        Assert.That(data.Catalogue.Indicators.Select(i => i.Key), Is.Unique);
        Assert.That(data.Catalogue.Indicators.All(i => i.Key == "37122:" + i.Clause), Is.True);
        Assert.That(data.Catalogue.Indicators.All(i => i.Title.Id.Length > 0 && i.Title.En.Length > 0), Is.True);
    }

    [Test]
    public void Load_MethodologyV1_MapsEveryIndicatorOnceWithTheReferenceNumbers()
    {
        var v1 = LoadShipped().Methodology("v1")!;

        Assert.That(v1.Dimensions.Select(d => d.Code), Is.EqualTo(new[] { "governance", "branding", "economy", "living", "society", "environment" }));
        Assert.That(v1.Dimensions.All(d => d.Elements.Count == 3), Is.True);
        Assert.That(v1.Indicators.Select(m => m.Key), Is.EquivalentTo(LoadShipped().Catalogue.Indicators.Select(i => i.Key)));
        Assert.That(v1.ComponentWeights.Indicators, Is.EqualTo(0.5m));
        Assert.That(v1.ComponentWeights.Programmes, Is.EqualTo(0.3m));
        Assert.That(v1.ComponentWeights.Perception, Is.EqualTo(0.2m));
        Assert.That(v1.MinimumCoverage, Is.EqualTo(0.5m));
        Assert.That(v1.MinimumRespondents, Is.EqualTo(30));
        Assert.That(v1.PredicateBands.Select(b => (b.Name.Id, b.Minimum)), Is.EqualTo(new[]
        {
            ("Memuaskan", 4.2m), ("Sangat Baik", 3.5m), ("Baik", 2.6m), ("Cukup", 1.8m), ("Kurang", 1.0m),
        }));
        Assert.That(v1.Indicators.All(m => m.Weight == 1m && m.Rationale.Length > 0), Is.True);
    }

    [Test]
    public void Load_MethodologyV1_LowerIsBetterExactlyForTheFiveReferenceIndicators()
    {
        var v1 = LoadShipped().Methodology("v1")!;

        Assert.That(v1.Indicators.Where(m => m.LowerIsBetter).Select(m => m.Key),
            Is.EquivalentTo(new[] { "37122:7.8", "37122:10.3", "37122:10.4", "37122:18.2", "37122:21.3" }));
    }

    [Test]
    public void Load_MethodologyV1_PercentageGoalpostsLieWithin0To100()
    {
        var data = LoadShipped();
        var v1 = data.Methodology("v1")!;
        var percentages = data.Catalogue.Indicators.Where(i => i.Kind == IndicatorKind.Percentage).Select(i => v1.MappingOf(i.Key)!).ToList();

        Assert.That(percentages, Is.Not.Empty);
        Assert.That(percentages.Where(m => m.Worst is < 0 or > 100 || m.Best is < 0 or > 100), Is.Empty);
    }

    [Test]
    public void Load_DuplicateKey_NamesFileEntryAndRule()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Catalogue, root =>
        {
            var indicators = root["indicators"]!.AsArray();
            indicators[1]!["key"] = "37122:5.1";
            indicators[1]!["clause"] = "5.1";
        }));

        Assert.That(error.Errors.Select(e => e.ToString()), Does.Contain(
            "catalogue/sni-iso-37122-2019.json: indicators[1] (37122:5.1): duplicate key '37122:5.1' (first at indicators[0])"));
    }

    [Test]
    public void Load_UnmappedIndicator_NamesIt()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Methodology, root => root["indicators"]!.AsArray().RemoveAt(5)));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "methodology/v1.json: indicators: indicator 37122:6.2 of the catalogue is not mapped",
        }));
    }

    [Test]
    public void Load_WorstEqualsBest_NamesTheEntry()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Methodology, root => root["indicators"]![3]!["best"] = 0));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "methodology/v1.json: indicators[3] (37122:5.4): worst and best must differ (both 0)",
        }));
    }

    [Test]
    public void Load_UnknownDimension_ListsTheKnownOnes()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Methodology, root => root["indicators"]![0]!["dimension"] = "mobility"));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "methodology/v1.json: indicators[0] (37122:5.1): unknown dimension 'mobility' (known: governance, branding, economy, living, society, environment)",
        }));
    }

    [Test]
    public void Load_NumberWrittenWithDecimalComma_IsRejectedAsNotANumber()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Methodology, root => root["indicators"]![2]!["worst"] = "0,5"));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "methodology/v1.json: indicators[2] (37122:5.3): 'worst' must be a number (found \"0,5\")",
        }));
    }

    [Test]
    public void Load_MalformedJsonNumber_NamesLineAndColumn()
    {
        var error = LoadBroken(f => f.Write(IndicatorFolder.Methodology,
            f.Read(IndicatorFolder.Methodology).Replace("\"minimum_coverage\": 0.5", "\"minimum_coverage\": 0,5", StringComparison.Ordinal)));

        Assert.That(error.Errors, Has.Count.EqualTo(1));
        Assert.That(error.Errors[0].ToString(), Does.Match(@"^methodology/v1\.json: line \d+, column \d+: malformed JSON \(check commas, quotes and numbers: decimals use a point, e\.g\. 0\.5\)$"));
    }

    [Test]
    public void Load_ZeroWeightAndUnorderedBands_ReportsBothRules()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Methodology, root =>
        {
            root["indicators"]![4]!["weight"] = 0;
            root["predicate_bands"]![1]!["minimum"] = 4.5;
        }));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EquivalentTo(new[]
        {
            "methodology/v1.json: predicate_bands: bands must be ordered from the highest minimum down, each lower than the one before",
            "methodology/v1.json: indicators[4] (37122:6.1): weight must be greater than 0 (found 0)",
        }));
    }

    [Test]
    public void Load_UnknownIndicatorInMethodology_IsRejected()
    {
        var error = LoadBroken(f => f.Edit(IndicatorFolder.Methodology, root =>
            root["indicators"]!.AsArray().Add(JsonNode.Parse("""{"key": "37122:99.1", "dimension": "economy", "element": "industri", "weight": 1, "worst": 0, "best": 100, "rationale": "x"}"""))));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "methodology/v1.json: indicators[80] (37122:99.1): indicator 37122:99.1 is not in catalogue 37122",
        }));
    }
}
