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
}
