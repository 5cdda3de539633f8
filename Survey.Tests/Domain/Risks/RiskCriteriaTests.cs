using System.Text.Json.Nodes;
using Survey.Domain.DataFiles;
using Survey.Domain.Risks;
using Survey.Tests.Support;

namespace Survey.Tests.Domain.Risks;

/// <summary>The risk criteria data (indicators/risk/v1.json): its rules of analysis and the validation of the file.</summary>
public sealed class RiskCriteriaTests
{
    private static readonly string Shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Indicators, "risk", "v1.json"));

    private static RiskCriteria V1()
    {
        var errors = new List<DataFileError>();
        var criteria = RiskCriteriaParser.Parse(new DataFile("risk/v1.json", Shipped), errors);
        Assert.That(errors, Is.Empty);
        return criteria!;
    }

    private static List<DataFileError> Broken(Action<JsonObject> breakIt)
    {
        var root = JsonNode.Parse(Shipped)!.AsObject();
        breakIt(root);
        var errors = new List<DataFileError>();
        Assert.That(RiskCriteriaParser.Parse(new DataFile("risk/v1.json", root.ToJsonString()), errors), Is.Null);
        return errors;
    }

    // Every corner of the matrix: the reference's magnitudes, not likelihood x impact.
    [TestCase(1, 1, 1, "very_low")]
    [TestCase(1, 5, 20, "very_high")]
    [TestCase(5, 1, 9, "low")]
    [TestCase(5, 5, 25, "very_high")]
    [TestCase(3, 3, 14, "medium")]
    [TestCase(4, 4, 19, "high")]
    public void TheMagnitudeComesFromTheMatrix(int likelihood, int impact, int magnitude, string band)
    {
        var position = V1().Position(likelihood, impact);
        Assert.That((position.Magnitude, position.Band.Code), Is.EqualTo((magnitude, band)));
    }

    // The band edges of v1 (1-5, 6-10, 11-15, 16-19, 20-25) and the appetite (11).
    [TestCase(5, "very_low", false)]
    [TestCase(6, "low", false)]
    [TestCase(10, "low", false)]
    [TestCase(11, "medium", true)]
    [TestCase(15, "medium", true)]
    [TestCase(16, "high", true)]
    [TestCase(19, "high", true)]
    [TestCase(20, "very_high", true)]
    public void BandsAndAppetite_FollowTheMagnitude(int magnitude, string band, bool needsTreatment)
    {
        var v1 = V1();
        Assert.That((v1.Band(magnitude).Code, v1.NeedsTreatment(magnitude)), Is.EqualTo((band, needsTreatment)));
    }

    [Test]
    public void EveryCell_HasOneBand_AndTheMagnitudesAre1To25EachOnce()
    {
        var v1 = V1();
        var cells = Enumerable.Range(1, 5).SelectMany(l => Enumerable.Range(1, 5).Select(i => v1.Position(l, i))).ToList();
        Assert.That(cells.Select(c => c.Magnitude).Order(), Is.EqualTo(Enumerable.Range(1, 25)));
        Assert.That(cells.Count(c => c.NeedsTreatment), Is.EqualTo(15), "magnitudes 11-25 need treatment");
        Assert.That(() => v1.Magnitude(0, 3), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => v1.Magnitude(3, 6), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void TheShippedFile_NamesEveryLevel_Area_Category_AndOption_InBothLanguages()
    {
        var v1 = V1();
        Assert.Multiple(() =>
        {
            Assert.That(v1.LikelihoodLevels.Select(l => l.Name.Id), Is.EqualTo(new[] { "Hampir tidak terjadi", "Jarang terjadi", "Kadang terjadi", "Sering terjadi", "Hampir pasti terjadi" }));
            Assert.That(v1.ImpactLevels.Select(l => l.Name.Id), Is.EqualTo(new[] { "Tidak signifikan", "Kurang signifikan", "Cukup signifikan", "Signifikan", "Sangat signifikan" }));
            Assert.That(v1.ImpactAreas, Has.Count.EqualTo(7));
            Assert.That(v1.ImpactLevels.All(l => v1.ImpactAreas.All(a => l.Criteria[a.Code].Id.Length > 0 && l.Criteria[a.Code].En.Length > 0)), Is.True);
            Assert.That(v1.Categories, Has.Count.EqualTo(16));
            Assert.That(v1.TreatmentOptions.Negative.Select(o => o.Code), Is.EqualTo(new[] { "escalate", "mitigate", "transfer", "accept" }));
            Assert.That(v1.TreatmentOptions.Positive.Select(o => o.Code), Is.EqualTo(new[] { "escalate", "exploit", "share", "enhance", "accept" }));
        });
    }

    [Test]
    public void AMatrixThatIsNot5x5_IsRefused()
    {
        var errors = Broken(r => r["matrix"]!.AsArray().RemoveAt(4));
        Assert.That(errors.Select(e => e.ToString()), Has.Some.Contains("matrix").And.Some.Contains("5 rows"));
        var shortRow = Broken(r => r["matrix"]![0]!.AsArray().RemoveAt(4));
        Assert.That(shortRow.Select(e => e.ToString()), Has.Some.Contains("5 rows (likelihood 1..5) of 5 magnitudes"));
    }

    [Test]
    public void MagnitudesThatDoNotCover1To25_AreRefused()
    {
        var errors = Broken(r => r["matrix"]![0]![0] = 3);
        Assert.That(errors.Select(e => e.ToString()), Has.Some.Contains("missing: 1").And.Some.Contains("more than once: 3"));
    }

    [Test]
    public void AMatrixThatFallsWithTheImpact_IsRefused()
    {
        // Swap 20 and 8 in likelihood 1: still 1-25 once each, but impact 5 below impact 4.
        var errors = Broken(r =>
        {
            r["matrix"]![0]![3] = 20;
            r["matrix"]![0]![4] = 8;
        });
        Assert.That(errors.Select(e => e.ToString()), Has.Some.Contains("grow with the impact (likelihood 1, impact 4 to 5)"));
    }

    [Test]
    public void BandsWithAGapOrAnOverlap_AreRefused()
    {
        var gap = Broken(r => r["bands"]![1]!["max"] = 9);
        var overlap = Broken(r => r["bands"]![1]!["max"] = 12);
        var short25 = Broken(r => r["bands"]![4]!["max"] = 24);
        Assert.Multiple(() =>
        {
            Assert.That(gap.Select(e => e.ToString()), Has.Some.Contains("a gap: no band covers 10-10"));
            Assert.That(overlap.Select(e => e.ToString()), Has.Some.Contains("overlaps the band below it (11-12 is covered twice)"));
            Assert.That(short25.Select(e => e.ToString()), Has.Some.Contains("no band covers 25-25"));
        });
    }

    [Test]
    public void LevelsOutOfOrder_AnAppetiteOutside1To25_AndAMissingCriterion_AreRefused()
    {
        var levels = Broken(r => r["likelihood_levels"]![0]!["level"] = 2);
        var appetite = Broken(r => r["appetite"] = 26);
        var criterion = Broken(r => r["impact_levels"]![2]!["criteria"]!.AsObject().Remove("legal"));
        var duplicate = Broken(r => r["categories"]![1]!["code"] = "plan_budget");
        Assert.Multiple(() =>
        {
            Assert.That(levels.Select(e => e.ToString()), Has.Some.Contains("exactly five levels 1 to 5 in order"));
            Assert.That(appetite.Select(e => e.ToString()), Has.Some.Contains("appetite must be a magnitude from 1 to 25"));
            Assert.That(criterion.Select(e => e.ToString()), Has.Some.Contains("missing for the impact area(s) legal"));
            Assert.That(duplicate.Select(e => e.ToString()), Has.Some.Contains("duplicate code 'plan_budget'"));
        });
    }
}
