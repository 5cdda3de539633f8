using BenchmarkDotNet.Attributes;
using Survey.Domain.Common;
using Survey.Domain.Methodology;
using Survey.Domain.Scoring;
using Survey.Domain.Surveys;

namespace Survey.Benchmarks;

/// <summary>
/// The scoring engine alone (no database): every score of 514 regions with 80 indicator values, 36 programmes
/// and 24 answered Likert items each, on methodology and questionnaire shapes like v1.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmark
{
    private ScoringEngine _engine = null!;
    private List<ScoreInput> _inputs = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var name = new LocalizedText("d", "d");
        string[] dims = ["governance", "branding", "economy", "living", "society", "environment"];
        var mappings = Enumerable.Range(0, 80).Select(i => new IndicatorMapping($"k:{i}", dims[i % 6], "e", 1 + (i % 3), 0, 100, "r")).ToList();
        var methodology = new ScoringMethodology("v1", name, "c", [.. dims.Select(d => new Dimension(d, name, [new DimensionElement("e", name)]))],
            new ComponentWeights(0.5m, 0.3m, 0.2m), 0.5m, 30, [new PredicateBand(name, 4.2m), new PredicateBand(name, 1m)], [], [], mappings);
        var items = Enumerable.Range(0, 24).Select(i => new QuestionItem($"q{i}", ItemTypes.Likert, name, dims[i % 6], null, true, true, [], null, null, null, null)).ToList();
        var questionnaire = new Questionnaire("v1", name, name, [name, name, name, name, name], name, [new QuestionPage("p", name, items)]);
        _engine = new ScoringEngine(methodology, questionnaire);
        var random = new Random(514);
        _inputs = Enumerable.Range(0, 514).Select(r => new ScoreInput(
            $"{1100 + r}",
            mappings.ToDictionary(m => m.Key, _ => (decimal)Math.Round(random.NextDouble() * 120, 2)),
            [.. Enumerable.Range(0, 36).Select(p => new ProgrammeInput(Guid.NewGuid(), dims[p % 6], "p", 1 + random.Next(5), null))],
            1000,
            items.ToDictionary(i => i.Code, _ => new ItemTally(2900 + random.Next(200), 940)))).ToList();
    }

    [Benchmark]
    public int ScoreAllRegions()
    {
        var complete = 0;
        foreach (var input in _inputs)
        {
            if (_engine.Score(input).Complete)
            {
                complete++;
            }
        }

        return complete;
    }
}
