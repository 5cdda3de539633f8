using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Survey.Data.Generation;
using Survey.Domain.Catalogue;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Scoring;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;

namespace Survey.Web.Infrastructure;

/// <summary>
/// <c>generate PERIOD REGIONS RESPONDENTS [PROGRAMMES]</c> fills a period with synthetic regions and data (for
/// benchmarks; never on a production database), and <c>benchmark-scores PERIOD [RUNS]</c> times the national
/// recomputation of every score beside the floor query it cannot beat.
/// </summary>
public static class DataCommands
{
    public static async Task<int> GenerateAsync(ParsedCommand command, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Operands.Length is < 3 or > 4 || !PeriodCodes.IsValid(command.Operands[0])
            || !int.TryParse(command.Operands[1], CultureInfo.InvariantCulture, out var regionCount) || regionCount is < 1 or > 9999
            || !int.TryParse(command.Operands[2], CultureInfo.InvariantCulture, out var respondents) || respondents is < 0 or > 100_000)
        {
            await Console.Error.WriteLineAsync("Survey: usage: generate PERIOD REGIONS RESPONDENTS [PROGRAMMES], e.g. generate 2026-S1 514 1000 36");
            return 2;
        }

        var programmes = command.Operands.Length == 4 && int.TryParse(command.Operands[3], CultureInfo.InvariantCulture, out var p) ? p : 36;
        var code = command.Operands[0];
        var period = await EnsureOpenPeriodAsync(services, code);
        var regions = SyntheticPeriodGenerator.Regions(regionCount);
        await services.GetRequiredService<IRegionRepository>().ImportAsync(regions, CancellationToken.None);
        var (catalogue, methodology, questionnaire) = await DefinitionsAsync(services, period);

        var clock = Stopwatch.StartNew();
        var result = await new SyntheticPeriodGenerator(services.GetRequiredService<NpgsqlDataSource>())
            .GenerateAsync(new GenerationPlan(code, regions, respondents, programmes, Seed: 37122), catalogue, methodology.Definition, questionnaire, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Survey: generated {result.Regions} synthetic regions in {code}: {result.Values} indicator values, {result.Programmes} programmes, {result.Risks} risks, {result.Responses} responses, {result.Answers} answers in {clock.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }

    public static async Task<int> BenchmarkScoresAsync(ParsedCommand command, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(command);
        var runs = command.Operands.Length == 2 && int.TryParse(command.Operands[1], CultureInfo.InvariantCulture, out var r) ? r : 5;
        var found = command.Operands.Length >= 1 ? await services.GetRequiredService<IPeriodRepository>().FindAsync(command.Operands[0], CancellationToken.None) : null;
        if (found?.MethodologyLabel is null || runs is < 1 or > 100)
        {
            await Console.Error.WriteLineAsync("Survey: usage: benchmark-scores PERIOD [RUNS] (an open, closed or published period)");
            return 2;
        }

        using var scope = services.CreateScope();
        var scores = scope.ServiceProvider.GetRequiredService<ScoreReader>();
        var methodology = (await services.GetRequiredService<ICatalogueRepository>().GetMethodologyAsync(found.MethodologyLabel, CancellationToken.None))!;
        var floors = new Survey.Data.Scoring.ScoreFloors(services.GetRequiredService<NpgsqlDataSource>());

        // One warm-up of each, then RUNS timed runs, alternating so that both see the same cache state.
        IReadOnlyList<RegionScore> last = [];
        var engineTimes = new List<double>();
        var floorTimes = new List<double>();
        var tallyTimes = new List<double>();
        long floorRows = 0;
        for (var i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            last = await scores.ComputeAsync(found, methodology, null, CancellationToken.None);
            var engine = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            floorRows = await floors.MeansOverAnswersAsync(found.Code);
            var floor = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await floors.MeansFromTalliesAsync(found.Code);
            var tally = clock.Elapsed.TotalMilliseconds;
            if (i > 0)
            {
                engineTimes.Add(engine);
                floorTimes.Add(floor);
                tallyTimes.Add(tally);
            }
        }

        var answers = await floors.CountAnswersAsync(found.Code);
        var engineMedian = Ranking.Median(engineTimes.Select(t => (decimal?)(decimal)t))!.Value;
        var floorMedian = Ranking.Median(floorTimes.Select(t => (decimal?)(decimal)t))!.Value;
        var tallyMedian = Ranking.Median(tallyTimes.Select(t => (decimal?)(decimal)t))!.Value;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"national recomputation of {found.Code}: {last.Count} regions ({last.Count(s => s.Complete)} complete), {answers} answers, {runs} runs"));
        Console.WriteLine("| measure | median ms | min ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| all scores (SQL inputs + engine) | {engineMedian:0} | {engineTimes.Min():0} | {engineTimes.Max():0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| floor: respondent means per region and item ({floorRows} rows) | {floorMedian:0} | {floorTimes.Min():0} | {floorTimes.Max():0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| floor: the same means from the running sums (answer_tally) | {tallyMedian:0} | {tallyTimes.Min():0} | {tallyTimes.Max():0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio all scores / means over every answer: {engineMedian / floorMedian:0.00}; all scores / means from running sums: {engineMedian / tallyMedian:0.00}"));
        return 0;
    }

    /// <summary>The period, created and opened when missing (entry window = its semester).</summary>
    internal static async Task<Period> EnsureOpenPeriodAsync(IServiceProvider services, string code)
    {
        var periods = services.GetRequiredService<IPeriodRepository>();
        if (await periods.FindAsync(code, CancellationToken.None) is null)
        {
            var year = PeriodCodes.YearOf(code);
            var first = PeriodCodes.SemesterOf(code) == 1 ? new DateOnly(year, 1, 1) : new DateOnly(year, 7, 1);
            await periods.AddAsync(new NewPeriod(code, first, first.AddMonths(6).AddDays(-1), "v1"), null, CancellationToken.None);
            await periods.TransitionAsync(code, PeriodStatus.Draft, PeriodStatus.Open, null, CancellationToken.None);
        }

        return (await periods.FindAsync(code, CancellationToken.None))!;
    }

    internal static async Task<(IndicatorCatalogue Catalogue, StoredMethodology Methodology, Questionnaire Questionnaire)> DefinitionsAsync(IServiceProvider services, Period period)
    {
        var catalogues = services.GetRequiredService<ICatalogueRepository>();
        var catalogue = await catalogues.GetCatalogueAsync(CancellationToken.None) ?? throw new StartupException("the indicator catalogue is not loaded");
        var methodology = await catalogues.GetMethodologyAsync(period.MethodologyLabel ?? throw new StartupException($"period {period.Code} has no methodology fixed"), CancellationToken.None)
            ?? throw new StartupException($"methodology {period.MethodologyLabel} is unknown");
        var questionnaire = await services.GetRequiredService<ISurveyRepository>().GetQuestionnaireAsync(period.Code, CancellationToken.None)
            ?? throw new StartupException($"period {period.Code} has no questionnaire fixed");
        return (catalogue, methodology, questionnaire);
    }
}
