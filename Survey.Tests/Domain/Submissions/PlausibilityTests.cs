using Survey.Domain.Submissions;

namespace Survey.Tests.Domain.Submissions;

public sealed class PlausibilityTests
{
    private static readonly PlausibilityOptions Options = new();

    [TestCase(10, 15, false)]
    [TestCase(10, 15.01, true)]
    [TestCase(10, 4.99, true)]
    [TestCase(10, 5, false)]
    [TestCase(0, 0, false)]
    [TestCase(0, 3, true)]
    public void Change_AgainstThePreviousPeriod_FlaggedAboveFiftyPercent(double previous, double value, bool flagged) =>
        Assert.That(PlausibilityRules.Check("37122:16.1", (decimal)value, (decimal)previous, null, Options).Any(f => f.Rule == PlausibilityRules.Change), Is.EqualTo(flagged));

    [Test]
    public void Outlier_FarFromTheMedianOfEnoughRegions_IsFlagged()
    {
        var peers = new PeerStatistics(Count: 10, Median: 40, Mad: 5);

        Assert.That(PlausibilityRules.Check("k", 62.3m, null, peers, Options).Single().Rule, Is.EqualTo(PlausibilityRules.Outlier), "|62.3-40| > 3 * 1.4826 * 5 = 22.24");
        Assert.That(PlausibilityRules.Check("k", 62.2m, null, peers, Options), Is.Empty);
        Assert.That(PlausibilityRules.Check("k", 95m, null, peers with { Count = 7 }, Options), Is.Empty, "too few regions for the robust rule");
    }

    [TestCase(200_000.1, true, TestName = "Check_JustAboveTenTimesTheBest_IsFlaggedBeyondGoalposts")]
    [TestCase(200_000, false, TestName = "Check_AtTenTimesTheBest_IsNotFlagged")]
    [TestCase(10_036_585, true, TestName = "Check_ARateWithADividedDenominator_IsFlaggedBeyondGoalposts")]
    public void Check_AgainstTheGoalposts(double value, bool flagged)
    {
        var portal = new Survey.Domain.Methodology.IndicatorMapping("37122:10.1", "governance", "kebijakan-publik", 1, 0, 20_000, "uji");
        var flags = PlausibilityRules.Check("37122:10.1", (decimal)value, null, null, Options, portal);
        Assert.That(flags.Any(f => f.Rule == PlausibilityRules.BeyondGoalposts), Is.EqualTo(flagged));
        if (flagged)
        {
            Assert.That(flags.Single().Reference, Is.EqualTo(20_000m));
        }
    }

    [Test]
    public void Check_LowerIsBetter_UsesTheLargerGoalpost()
    {
        var waste = new Survey.Domain.Methodology.IndicatorMapping("k", "environment", "e", 1, 500, 50, "uji");
        Assert.That(PlausibilityRules.Check("k", 4_999m, null, null, Options, waste), Is.Empty, "ten times the worst (500) is the bound");
        Assert.That(PlausibilityRules.Check("k", 5_001m, null, null, Options, waste).Single().Rule, Is.EqualTo(PlausibilityRules.BeyondGoalposts));
    }
}
