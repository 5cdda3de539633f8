using Survey.Domain.Common;
using Survey.Domain.Methodology;
using Survey.Domain.Scoring;
using Survey.Domain.Surveys;

namespace Survey.Tests.Domain.Scoring;

/// <summary>
/// Every step of the method against numbers computed by hand (in the comments), on a small methodology of
/// two dimensions: A with four indicators, B with two; minimum coverage 0,5, minimum respondents 3,
/// component weights 0,5 / 0,3 / 0,2.
/// </summary>
public sealed class ScoringEngineTests
{
    private static readonly LocalizedText Name = new("nama", "name");

    internal static ScoringMethodology Methodology(decimal minimumCoverage = 0.5m, int minimumRespondents = 3) => new(
        "t1",
        Name,
        "37122",
        [new Dimension("a", Name, [new DimensionElement("a1", Name)]), new Dimension("b", Name, [new DimensionElement("b1", Name)])],
        new ComponentWeights(0.5m, 0.3m, 0.2m),
        minimumCoverage,
        minimumRespondents,
        [new PredicateBand(new("Memuaskan", "Excellent"), 4.2m), new PredicateBand(new("Sangat Baik", "Very good"), 3.5m), new PredicateBand(new("Baik", "Good"), 2.6m),
         new PredicateBand(new("Cukup", "Fair"), 1.8m), new PredicateBand(new("Kurang", "Poor"), 1.0m)],
        [],
        [],
        [
            new IndicatorMapping("x:1", "a", "a1", 1m, 0m, 100m, "r"),
            new IndicatorMapping("x:2", "a", "a1", 3m, 0m, 50m, "r"),
            new IndicatorMapping("x:3", "a", "a1", 1m, 14m, 1m, "lower is better"),
            new IndicatorMapping("x:4", "a", "a1", 1m, 0m, 100m, "r"),
            new IndicatorMapping("x:5", "b", "b1", 1m, 0m, 100m, "r"),
            new IndicatorMapping("x:6", "b", "b1", 2m, 0m, 10m, "r"),
        ]);

    internal static Questionnaire Questionnaire()
    {
        static QuestionItem Likert(string code, string dimension) =>
            new(code, ItemTypes.Likert, Name, dimension, null, true, true, [], null, null, null, null);
        return new Questionnaire("q1", Name, Name, [Name, Name, Name, Name, Name], Name, [
            new QuestionPage("p1", Name, [Likert("qa1", "a"), Likert("qa2", "a"), Likert("qb1", "b"),
                new QuestionItem("age", ItemTypes.Number, Name, null, null, false, false, [], 0, 120, null, null)]),
        ]);
    }

    private static readonly Guid P1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid P2 = Guid.Parse("00000000-0000-0000-0000-000000000002");

    /// <summary>The full example: A has all three components, B only indicators.</summary>
    internal static ScoreInput Example(int responses = 3) => new(
        "3523",
        new Dictionary<string, decimal> { ["x:1"] = 50m, ["x:2"] = 40m, ["x:3"] = 7.5m, ["x:5"] = 25m },
        [new ProgrammeInput(P1, "a", "Mal pelayanan publik", 3, null), new ProgrammeInput(P2, "a", "Lapor online", 2, 4)],
        responses,
        new Dictionary<string, ItemTally> { ["qa1"] = new(12, 3), ["qa2"] = new(5, 2) });

    private static ScoringEngine Engine(decimal minimumCoverage = 0.5m, int minimumRespondents = 3) =>
        new(Methodology(minimumCoverage, minimumRespondents), Questionnaire());

    [TestCase(50, 0, 100, 50)]
    [TestCase(100, 0, 100, 100)]
    [TestCase(120, 0, 100, 100)] // beyond the best goalpost: clamped
    [TestCase(-5, 0, 100, 0)] // beyond the worst goalpost: clamped
    [TestCase(7.5, 14, 1, 50)] // lower is better: (7,5 - 14) / (1 - 14) = 0,5
    [TestCase(0.5, 14, 1, 100)] // lower is better, better than best: clamped
    [TestCase(20, 14, 1, 0)] // lower is better, worse than worst
    [TestCase(40, 0, 50, 80)]
    public void IndicatorScore_IsTheClampedShareOfTheWayFromWorstToBest(decimal value, decimal worst, decimal best, decimal expected) =>
        Assert.That(ScoringEngine.IndicatorScoreOf(value, worst, best), Is.EqualTo(expected));

    [Test]
    public void FullExample_MatchesTheHandComputation()
    {
        var score = Engine().Score(Example());
        var a = score.Dimension("a")!;
        var b = score.Dimension("b")!;
        Assert.Multiple(() =>
        {
            // I_A = (1*50 + 3*80 + 1*50) / (1 + 3 + 1) = 340 / 5 = 68; coverage 3/4.
            Assert.That(a.Indicators, Is.EqualTo(68m));
            Assert.That(a.Coverage, Is.EqualTo(0.75m));
            Assert.That(a.IndicatorsWithValue, Is.EqualTo(3));
            Assert.That(a.IndicatorsMapped, Is.EqualTo(4));
            // P_A = mean(25 * (3 - 1), 25 * (4 - 1)) = mean(50, 75) = 62,5 (the verified 4 replaces the self-assessed 2).
            Assert.That(a.Programmes, Is.EqualTo(62.5m));
            // R_A = mean(25 * (12/3 - 1), 25 * (5/2 - 1)) = mean(75, 37,5) = 56,25.
            Assert.That(a.Perception, Is.EqualTo(56.25m));
            // D_A = (0,5 * 68 + 0,3 * 62,5 + 0,2 * 56,25) / 1 = 34 + 18,75 + 11,25 = 64.
            Assert.That(a.Score, Is.EqualTo(64m));
            // B: one indicator of two (coverage 0,5 = the minimum), no programme, no answer: D_B = I_B = 25.
            Assert.That(b.Indicators, Is.EqualTo(25m));
            Assert.That(b.Coverage, Is.EqualTo(0.5m));
            Assert.That(b.Programmes, Is.Null);
            Assert.That(b.Perception, Is.Null);
            Assert.That(b.Score, Is.EqualTo(25m));
            // index_100 = (64 + 25) / 2 = 44,5; index = 1 + 4 * 0,445 = 2,78: Baik (2,6 <= 2,78 < 3,5).
            Assert.That(score.Index100, Is.EqualTo(44.5m));
            Assert.That(score.Index, Is.EqualTo(2.78m));
            Assert.That(score.Predicate!.Name.Id, Is.EqualTo("Baik"));
            Assert.That(score.Complete, Is.True);
            Assert.That(score.Indicators.Select(i => (i.Key, i.Score)), Is.EqualTo(new[] { ("x:1", 50m), ("x:2", 80m), ("x:3", 50m), ("x:5", 25m) }));
            Assert.That(score.Items.Select(i => (i.Item, i.Mean, i.Count, i.Score)), Is.EqualTo(new[] { ("qa1", 4m, 3, 75m), ("qa2", 2.5m, 2, 37.5m) }));
        });
    }

    [Test]
    public void Coverage_JustBelowTheMinimum_LeavesTheIndicatorComponentOut()
    {
        // A with one value of four (0,25 < 0,5): I_A is not available; D_A = (0,3 * 62,5 + 0,2 * 56,25) / 0,5 = 30 / 0,5 = 60.
        var input = Example() with { Values = new Dictionary<string, decimal> { ["x:1"] = 50m, ["x:5"] = 25m } };
        var a = Engine().Score(input).Dimension("a")!;
        Assert.Multiple(() =>
        {
            Assert.That(a.Indicators, Is.Null);
            Assert.That(a.Coverage, Is.EqualTo(0.25m));
            Assert.That(a.Score, Is.EqualTo(60m));
        });
    }

    [Test]
    public void Coverage_ExactlyAtAndJustBelowAConfiguredMinimum()
    {
        // Minimum coverage 0,75: A with 3 of 4 is exactly at it; B with 1 of 2 (0,5) is below.
        var score = Engine(minimumCoverage: 0.75m).Score(Example());
        Assert.Multiple(() =>
        {
            Assert.That(score.Dimension("a")!.Indicators, Is.EqualTo(68m));
            Assert.That(score.Dimension("b")!.Indicators, Is.Null);
            Assert.That(score.Dimension("b")!.Score, Is.Null);
            Assert.That(score.Complete, Is.False);
            // Only A counts: index_100 = 64, index = 1 + 4 * 0,64 = 3,56.
            Assert.That(score.Index, Is.EqualTo(3.56m));
        });
    }

    [Test]
    public void Respondents_ExactlyAtTheMinimum_CountAndJustBelow_DoNot()
    {
        var at = Engine().Score(Example(responses: 3)).Dimension("a")!;
        var below = Engine().Score(Example(responses: 2)).Dimension("a")!;
        Assert.Multiple(() =>
        {
            Assert.That(at.Perception, Is.EqualTo(56.25m));
            Assert.That(below.Perception, Is.Null);
            // Without perception: D_A = (0,5 * 68 + 0,3 * 62,5) / 0,8 = 52,75 / 0,8 = 65,9375.
            Assert.That(below.Score, Is.EqualTo(65.9375m));
        });
    }

    [Test]
    public void DontKnowAnswers_AreNotCounted()
    {
        // qa2 had 3 responses, one "Tidak tahu": the tally holds 2 answers summing 5, mean 2,5 (not 5/3).
        var score = Engine().Score(Example());
        var qa2 = score.Items.Single(i => i.Item == "qa2");
        Assert.Multiple(() =>
        {
            Assert.That(qa2.Count, Is.EqualTo(2));
            Assert.That(qa2.Mean, Is.EqualTo(2.5m));
        });
    }

    [Test]
    public void OnlyOneComponent_IsTheDimensionScore()
    {
        var input = ScoreInput.Empty("3523") with { Programmes = [new ProgrammeInput(P1, "b", "Program", 5, null)] };
        var b = Engine().Score(input).Dimension("b")!;
        Assert.Multiple(() =>
        {
            Assert.That(b.Programmes, Is.EqualTo(100m));
            Assert.That(b.Score, Is.EqualTo(100m));
        });
    }

    [Test]
    public void VerifiedLevel_OverridesTheSelfAssessment_InBothDirections()
    {
        var input = ScoreInput.Empty("3523") with { Programmes = [new ProgrammeInput(P1, "a", "Program", 5, 2)] };
        var score = Engine().Score(input);
        Assert.Multiple(() =>
        {
            Assert.That(score.Dimension("a")!.Programmes, Is.EqualTo(25m));
            Assert.That(score.Programmes.Single().EffectiveLevel, Is.EqualTo(2));
        });
    }

    [Test]
    public void NothingReported_AllDimensionsMissing_NoIndexNoPredicate()
    {
        var score = Engine().Score(ScoreInput.Empty("3523"));
        Assert.Multiple(() =>
        {
            Assert.That(score.Dimensions.Select(d => d.Score), Is.All.Null);
            Assert.That(score.Index, Is.Null);
            Assert.That(score.Index100, Is.Null);
            Assert.That(score.Predicate, Is.Null);
            Assert.That(score.Complete, Is.False);
        });
    }

    [Test]
    public void ItemsWithoutADimensionOrNotLikert_DoNotCount_AndAnswersToUnknownItemsAreIgnored()
    {
        var input = Example() with { Items = new Dictionary<string, ItemTally> { ["qa1"] = new(12, 3), ["age"] = new(90, 3), ["gone"] = new(3, 3) } };
        var score = Engine().Score(input);
        Assert.That(score.Items.Select(i => i.Item), Is.EqualTo(new[] { "qa1" }));
        Assert.That(score.Dimension("a")!.Perception, Is.EqualTo(75m));
    }

    [Test]
    public void ItemScores_CarryTheTallyAsStored_SoThatWhatIfsStartFromIt_AndOlderSnapshotsKeepTheirHash()
    {
        var input = Example() with { Items = new Dictionary<string, ItemTally> { ["qa1"] = new(2_000_000_001, 700_000_003), ["qa2"] = new(5, 2) } };
        var score = Engine().Score(input);

        Assert.That(score.Items.Select(i => (i.Item, i.Sum, i.Count)), Is.EqualTo(new[] { ("qa1", (long?)2_000_000_001, 700_000_003), ("qa2", 5L, 2) }));
        Assert.That(Survey.Domain.UseCases.ScoreReader.InputOf(score).Items, Is.EquivalentTo(input.Items));

        // A snapshot written before the sum was kept has no "sum": it reads and hashes as it was written.
        var older = score.Items[0] with { Sum = null };
        Assert.That(ContentHash.CanonicalJson(older), Does.Not.Contain("sum"));
        Assert.That(ContentHash.CanonicalJson(score.Items[0]), Does.Contain("\"sum\":2000000001"));
    }

    [Test]
    public void WithoutAQuestionnaire_ThereIsNoPerception()
    {
        var score = new ScoringEngine(Methodology(), null).Score(Example());
        Assert.That(score.Dimensions.Select(d => d.Perception), Is.All.Null);
    }

    [TestCase(4.2, "Memuaskan")]
    [TestCase(4.19, "Sangat Baik")]
    [TestCase(2.6, "Baik")]
    [TestCase(1.0, "Kurang")]
    public void Predicate_BandsStartAtTheirMinimum(decimal index, string expected) =>
        Assert.That(Methodology().PredicateFor(index).Name.Id, Is.EqualTo(expected));

    [Test]
    public void WhatIf_IndicatorAtBestAndProgrammeOneLevelUp_AreRescored()
    {
        var engine = Engine();
        var input = Example();
        var current = engine.Score(input);
        var whatIfs = engine.WhatIfs(input, current);

        // x:4 missing -> 100: I_A = (340 + 100) / 6 = 73,333..; D_A rises by 0,5 * (73,333.. - 68) = 2,666..
        var x4 = whatIfs.Single(w => w.Key == "x:4");
        Assert.That(x4.DimensionGain, Is.EqualTo(0.5m * ((440m / 6m) - 68m)).Within(1e-20m));
        // Programme P1 3 -> 4: P_A = mean(75, 75) = 75; D_A rises by 0,3 * 12,5 = 3,75; index by 4 * 3,75 / 2 / 100 = 0,075.
        var p1 = whatIfs.Single(w => w.Key == P1.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(p1.DimensionGain, Is.EqualTo(3.75m));
            Assert.That(p1.IndexGain, Is.EqualTo(0.075m));
            Assert.That(p1.From, Is.EqualTo(3m));
            Assert.That(p1.To, Is.EqualTo(4m));
            // B's x:5 25 -> 100: I_B = D_B = 100, a gain of 75: the largest, so first; x:6 missing -> 10:
            // I_B = (25 + 2 * 100) / 3 = 75, a gain of 50, second.
            Assert.That(whatIfs[0].Key, Is.EqualTo("x:5"));
            Assert.That(whatIfs[0].DimensionGain, Is.EqualTo(75m));
            Assert.That(whatIfs[1].Key, Is.EqualTo("x:6"));
            Assert.That(whatIfs[1].DimensionGain, Is.EqualTo(50m));
            Assert.That(whatIfs, Is.Ordered.Descending.By(nameof(WhatIf.DimensionGain)));
        });
    }

    [Test]
    public void Ranking_CompleteFirst_TiesShareARank_IncompleteUnranked()
    {
        static RegionScore S(string region, decimal? index, bool complete) =>
            new(region, complete, index, null, null, 0, [], [], [], []);
        var ranked = Ranking.Rank([S("1", 3.0m, true), S("2", 4.5m, false), S("3", 3.5m, true), S("4", 3.0m, true), S("5", 2.0m, true), S("6", null, false)]);
        Assert.That(ranked.Select(r => (r.Score.Region, r.Rank)), Is.EqualTo(new (string, int?)[] { ("3", 1), ("1", 2), ("4", 2), ("5", 4), ("2", null), ("6", null) }));
    }

    [Test]
    public void Median_OddEvenAndEmpty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Ranking.Median([3m, 1m, 2m]), Is.EqualTo(2m));
            Assert.That(Ranking.Median([4m, 1m, 2m, null, 3m]), Is.EqualTo(2.5m));
            Assert.That(Ranking.Median([null]), Is.Null);
        });
    }
}
