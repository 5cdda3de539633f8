using Dapper;
using Npgsql;
using NpgsqlTypes;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Methodology;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;

namespace Survey.Data.Generation;

/// <summary>What to generate for one period.</summary>
/// <param name="Period">An existing period whose methodology and questionnaire are fixed (open or later).</param>
/// <param name="Regions">The regions to fill (they must exist and have no data in the period yet).</param>
/// <param name="RespondentsPerRegion">Complete responses per region.</param>
/// <param name="ProgrammesPerRegion">Flagship programmes per region, spread over the dimensions.</param>
/// <param name="Seed">The random seed: the same seed gives the same data.</param>
/// <param name="Status">The submission status of every region (<c>submitted</c>, <c>approved</c>, …). Anything past
/// draft is generated as a coordinator would submit it: the submit checklist passes, every plausibility flag carries
/// a justification and is stored for the evaluator.</param>
public sealed record GenerationPlan(string Period, IReadOnlyList<Region> Regions, int RespondentsPerRegion, int ProgrammesPerRegion, int Seed, string Status = "submitted");

/// <summary>What was written.</summary>
public sealed record GenerationResult(int Regions, int Values, int Programmes, int Risks, int Responses, long Answers);

/// <summary>
/// Fills a period with synthetic but plausible data — indicator values between the goalposts around a
/// per-region level, programmes with risks, respondents answering every Likert item (with some "Tidak
/// tahu") and two profile items — through binary COPY; when the region has values in the previous period, the new
/// values stay near them (a semester changes little), so that a national period of 514 regions with 1 000
/// respondents each takes minutes. For demo data and benchmarks only: every value is labelled synthetic.
/// </summary>
public sealed class SyntheticPeriodGenerator(NpgsqlDataSource dataSource)
{
    public const string SourceLabel = "Data sintetis (demo)";

    /// <summary>The justification written on a generated value that a plausibility rule flags.</summary>
    public const string JustificationLabel = "Nilai sintetis (demo) dari generator data; ditandai oleh aturan kewajaran dan dibiarkan untuk contoh.";

    public async Task<GenerationResult> GenerateAsync(GenerationPlan plan, IndicatorCatalogue catalogue, ScoringMethodology methodology, Questionnaire questionnaire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(questionnaire);
        var random = new Random(plan.Seed);
        var level = plan.Regions.ToDictionary(r => r.Code, _ => 0.2 + (0.7 * random.NextDouble()), StringComparer.Ordinal);
        var questionnaireId = await QuestionnaireIdAsync(plan.Period, cancellationToken);
        var likert = questionnaire.Items.Where(i => i.Type == ItemTypes.Likert).Select(i => i.Code).ToArray();
        var choices = questionnaire.Items.Where(i => i.Type == ItemTypes.SingleChoice && i.RelevantIf is null).Take(2).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var previous = (await connection.QueryAsync<(string Region, string Key, decimal Value)>(new CommandDefinition(
                "SELECT region_code, indicator_key, value FROM indicator_value WHERE period_code = @Previous AND region_code = ANY (@Codes) AND value IS NOT NULL",
                new { Previous = Survey.Domain.Periods.PeriodCodes.Previous(plan.Period), Codes = plan.Regions.Select(r => r.Code).ToArray() }, cancellationToken: cancellationToken)))
            .ToDictionary(v => (v.Region, v.Key), v => (double)v.Value);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The generated regions' period starts over: what the opening of the period carried over is replaced.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM programme WHERE period_code = @Period AND region_code = ANY (@Codes)",
            new { plan.Period, Codes = plan.Regions.Select(r => r.Code).ToArray() }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO submission (period_code, region_code, status, submitted_at, round)
            SELECT @Period, code, @Status, CASE WHEN @Status = 'draft' THEN NULL ELSE now() END, CASE WHEN @Status = 'draft' THEN 0 ELSE 1 END FROM unnest(@Codes) AS code
            ON CONFLICT (period_code, region_code) DO UPDATE SET status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at, round = EXCLUDED.round
            """,
            new { plan.Period, plan.Status, Codes = plan.Regions.Select(r => r.Code).ToArray() }, transaction, cancellationToken: cancellationToken));

        var values = 0;
        await using (var copy = await BeginAsync(connection, "COPY indicator_value (period_code, region_code, indicator_key, value, not_available_reason, source_agency, source_year) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var region in plan.Regions)
            {
                foreach (var mapping in methodology.Indicators)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(plan.Period, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(region.Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(mapping.Key, NpgsqlDbType.Text, cancellationToken);
                    if (random.NextDouble() < 0.08)
                    {
                        await copy.WriteNullAsync(cancellationToken);
                        await copy.WriteAsync("Data belum tersedia (sintetis)", NpgsqlDbType.Text, cancellationToken);
                        await copy.WriteNullAsync(cancellationToken);
                        await copy.WriteNullAsync(cancellationToken);
                        continue;
                    }

                    var share = Math.Clamp(level[region.Code] + (Normal(random) * 0.2), 0, 1.15);
                    var value = previous.TryGetValue((region.Code, mapping.Key), out var before)
                        ? Math.Max(0, before * (1 + Math.Clamp(Normal(random) * 0.08, -0.3, 0.3)))
                        : Math.Max(0, (double)mapping.Worst + (((double)mapping.Best - (double)mapping.Worst) * share));
                    if (catalogue.Find(mapping.Key)?.IsShare == true)
                    {
                        value = Math.Min(value, 100);
                    }

                    await copy.WriteAsync(decimal.Round((decimal)value, 4), NpgsqlDbType.Numeric, cancellationToken);
                    await copy.WriteNullAsync(cancellationToken);
                    await copy.WriteAsync(SourceLabel, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(2025, NpgsqlDbType.Integer, cancellationToken);
                    values++;
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // A programme is the same programme next semester: the previous period's programme at the same place keeps its id.
        var previousIds = (await connection.QueryAsync<(string Region, int Order, Guid Id)>(new CommandDefinition(
                "SELECT region_code, sort_order, id FROM programme WHERE period_code = @Previous AND region_code = ANY(@Regions)",
                new { Previous = PeriodCodes.Previous(plan.Period), Regions = plan.Regions.Select(r => r.Code).ToArray() }, cancellationToken: cancellationToken)))
            .GroupBy(r => (r.Region, r.Order)).ToDictionary(g => g.Key, g => g.First().Id);
        var programmes = new List<(Guid Id, string Region)>();
        foreach (var region in plan.Regions)
        {
            for (var i = 0; i < plan.ProgrammesPerRegion; i++)
            {
                programmes.Add((previousIds.GetValueOrDefault((region.Code, i), Guid.CreateVersion7()), region.Code));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO programme_identity (id, region_code) SELECT * FROM unnest(@Ids, @Regions) ON CONFLICT (id) DO NOTHING",
            new { Ids = programmes.Select(p => p.Id).ToArray(), Regions = programmes.Select(p => p.Region).ToArray() }, cancellationToken: cancellationToken));
        await using (var copy = await BeginAsync(connection, "COPY programme (id, period_code, region_code, dimension, element, name, maturity_level, justification, sort_order) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var next = 0;
            foreach (var region in plan.Regions)
            {
                for (var i = 0; i < plan.ProgrammesPerRegion; i++)
                {
                    var dimension = methodology.Dimensions[i % methodology.Dimensions.Count];
                    var element = dimension.Elements[(i / methodology.Dimensions.Count) % dimension.Elements.Count];
                    var id = programmes[next++].Id;
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(plan.Period, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(region.Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(dimension.Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(element.Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync($"Program sintetis {element.Name.Id} {(i / methodology.Dimensions.Count) + 1}", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(Likert(random, level[region.Code], 0.9), NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync("Penilaian mandiri sintetis untuk demo dan uji beban.", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var risks = 0;
        await using (var copy = await BeginAsync(connection, "COPY programme_risk (period_code, id, programme_id, title, likelihood, impact, mitigation, owner, sort_order, category, impact_area, treatment_option) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, _) in programmes)
            {
                var count = 1 + random.Next(2);
                for (var i = 0; i < count; i++)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(plan.Period, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(i == 0 ? "Anggaran tidak berlanjut" : "Integrasi data antar-OPD tertunda", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(1 + random.Next(5), NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(1 + random.Next(5), NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync("Mitigasi sintetis", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync("Bappeda", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                    // Register codes of the risk criteria v1, so that the national picture groups synthetic risks too.
                    await copy.WriteAsync(i == 0 ? "plan_budget" : "data", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(i == 0 ? "finance" : "performance", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync("mitigate", NpgsqlDbType.Text, cancellationToken);
                    risks++;
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var responses = new List<(Guid Id, double Level)>(plan.Regions.Count * plan.RespondentsPerRegion);
        await using (var copy = await BeginAsync(connection, "COPY response (id, period_code, region_code, questionnaire_version_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var region in plan.Regions)
            {
                for (var i = 0; i < plan.RespondentsPerRegion; i++)
                {
                    var id = Guid.CreateVersion7();
                    responses.Add((id, level[region.Code]));
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(plan.Period, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(region.Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(questionnaireId, NpgsqlDbType.Integer, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        long answers = 0;
        await using (var copy = await BeginAsync(connection, "COPY answer (response_id, item_code, likert, choice, dont_know) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, regionLevel) in responses)
            {
                foreach (var item in choices)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(item.Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteNullAsync(cancellationToken);
                    await copy.WriteAsync(item.Options[random.Next(item.Options.Count)].Code, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                    answers++;
                }

                foreach (var item in likert)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(item, NpgsqlDbType.Text, cancellationToken);
                    var dontKnow = random.NextDouble() < 0.06;
                    if (dontKnow)
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await copy.WriteAsync((short)Likert(random, regionLevel, 1.0), NpgsqlDbType.Smallint, cancellationToken);
                    }

                    await copy.WriteNullAsync(cancellationToken);
                    await copy.WriteAsync(dontKnow, NpgsqlDbType.Boolean, cancellationToken);
                    answers++;
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO answer_tally (period_code, region_code, item_code, shard, likert_sum, likert_count, l1, l2, l3, l4, l5, dont_know)
            SELECT r.period_code, r.region_code, a.item_code, 0, coalesce(sum(a.likert), 0), count(a.likert),
                   count(*) FILTER (WHERE a.likert = 1), count(*) FILTER (WHERE a.likert = 2), count(*) FILTER (WHERE a.likert = 3),
                   count(*) FILTER (WHERE a.likert = 4), count(*) FILTER (WHERE a.likert = 5), count(*) FILTER (WHERE a.dont_know)
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.period_code = @Period AND r.region_code = ANY (@Codes) AND (a.likert IS NOT NULL OR a.dont_know)
            GROUP BY r.period_code, r.region_code, a.item_code
            ON CONFLICT (period_code, region_code, item_code, shard) DO UPDATE
            SET likert_sum = answer_tally.likert_sum + EXCLUDED.likert_sum, likert_count = answer_tally.likert_count + EXCLUDED.likert_count,
                l1 = answer_tally.l1 + EXCLUDED.l1, l2 = answer_tally.l2 + EXCLUDED.l2, l3 = answer_tally.l3 + EXCLUDED.l3,
                l4 = answer_tally.l4 + EXCLUDED.l4, l5 = answer_tally.l5 + EXCLUDED.l5, dont_know = answer_tally.dont_know + EXCLUDED.dont_know
            """, new { plan.Period, Codes = plan.Regions.Select(r => r.Code).ToArray() }, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO response_tally (period_code, region_code, responses)
            SELECT period_code, region_code, count(*) FROM response WHERE period_code = @Period AND region_code = ANY (@Codes) GROUP BY period_code, region_code
            ON CONFLICT (period_code, region_code, shard) DO UPDATE SET responses = response_tally.responses + EXCLUDED.responses
            """, new { plan.Period, Codes = plan.Regions.Select(r => r.Code).ToArray() }, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        if (plan.Status != "draft")
        {
            await SubmitAsCoordinatorsWouldAsync(plan, catalogue, methodology, cancellationToken);
        }

        return new GenerationResult(plan.Regions.Count, values, programmes.Count, risks, responses.Count, answers);
    }

    /// <summary>
    /// Runs the submit checklist on every generated region, justifies the flagged values and stores the flags as the
    /// submit step would; fails loudly when the generated data would be refused for any other reason.
    /// </summary>
    private async Task SubmitAsCoordinatorsWouldAsync(GenerationPlan plan, IndicatorCatalogue catalogue, ScoringMethodology methodology, CancellationToken cancellationToken)
    {
        var submissions = new Submissions.SubmissionRepository(dataSource);
        var programmeRepository = new Submissions.ProgrammeRepository(dataSource);
        var options = new Survey.Domain.Submissions.PlausibilityOptions();
        var previousPeriod = Survey.Domain.Periods.PeriodCodes.Previous(plan.Period);
        var year = DateTime.UtcNow.Year;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var region in plan.Regions)
        {
            var values = await submissions.GetValuesAsync(new Scope(plan.Period, region.Code), cancellationToken);
            var list = await programmeRepository.ListAsync(new Scope(plan.Period, region.Code), cancellationToken);
            var context = await submissions.GetPlausibilityContextAsync(new Scope(plan.Period, region.Code), previousPeriod, cancellationToken);
            var check = Survey.Domain.Submissions.SubmissionChecklist.Evaluate(catalogue, methodology, values, list, context, options, year);
            var flagged = check.Flags.Select(f => f.Key).Distinct(StringComparer.Ordinal).ToArray();
            if (flagged.Length > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE indicator_value SET justification = @Text WHERE period_code = @Period AND region_code = @Region AND indicator_key = ANY (@Keys) AND justification IS NULL",
                    new { Text = JustificationLabel, plan.Period, Region = region.Code, Keys = flagged }, cancellationToken: cancellationToken));
                values = await submissions.GetValuesAsync(new Scope(plan.Period, region.Code), cancellationToken);
                check = Survey.Domain.Submissions.SubmissionChecklist.Evaluate(catalogue, methodology, values, list, context, options, year);
            }

            if (check.Blocking.Count > 0)
            {
                throw new InvalidOperationException($"the generated data of {region.Code} would be refused at submission: {string.Join("; ", check.Blocking.Select(b => $"{b.Key}: {b.Message}"))}");
            }

            await connection.ExecuteAsync(new CommandDefinition(Submissions.SubmissionRepository.InsertFlagSql,
                check.Flags.Select(f => new { plan.Period, Region = region.Code, f.Key, f.Rule, f.Value, f.Reference, f.Informational }), cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// <paramref name="count"/> synthetic regions with real-looking BPS codes over the 38 provinces (regencies
    /// 01-…, cities 71-…), about one in five a city, all flagged as demo.
    /// </summary>
    public static IReadOnlyList<Region> Regions(int count)
    {
        var regions = new List<Region>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, province) = Provinces[i % Provinces.Length];
            var n = i / Provinces.Length;
            var city = n % 5 == 4;
            var number = city ? 71 + (n / 5) : 1 + n - (n / 5);
            var regionCode = $"{code}{number:00}";
            regions.Add(new Region(regionCode, $"{(city ? "Kota" : "Kabupaten")} Sintetis {regionCode}", city ? RegionKind.Kota : RegionKind.Kabupaten, province, IsDemo: true));
        }

        return regions;
    }

    private static readonly (string Code, string Name)[] Provinces =
    [
        ("11", "Aceh"), ("12", "Sumatera Utara"), ("13", "Sumatera Barat"), ("14", "Riau"), ("15", "Jambi"), ("16", "Sumatera Selatan"),
        ("17", "Bengkulu"), ("18", "Lampung"), ("19", "Kepulauan Bangka Belitung"), ("21", "Kepulauan Riau"), ("31", "DKI Jakarta"),
        ("32", "Jawa Barat"), ("33", "Jawa Tengah"), ("34", "DI Yogyakarta"), ("35", "Jawa Timur"), ("36", "Banten"), ("51", "Bali"),
        ("52", "Nusa Tenggara Barat"), ("53", "Nusa Tenggara Timur"), ("61", "Kalimantan Barat"), ("62", "Kalimantan Tengah"),
        ("63", "Kalimantan Selatan"), ("64", "Kalimantan Timur"), ("65", "Kalimantan Utara"), ("71", "Sulawesi Utara"),
        ("72", "Sulawesi Tengah"), ("73", "Sulawesi Selatan"), ("74", "Sulawesi Tenggara"), ("75", "Gorontalo"), ("76", "Sulawesi Barat"),
        ("81", "Maluku"), ("82", "Maluku Utara"), ("91", "Papua Barat"), ("92", "Papua Barat Daya"), ("94", "Papua"),
        ("95", "Papua Selatan"), ("96", "Papua Tengah"), ("97", "Papua Pegunungan"),
    ];

    // A national COPY runs for minutes: no command timeout applies to it.
    private static async Task<NpgsqlBinaryImporter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        importer.Timeout = TimeSpan.Zero;
        return importer;
    }

    private async Task<int> QuestionnaireIdAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT questionnaire_version_id FROM period WHERE code = @Period", new { Period = period }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"period {period} has no questionnaire fixed: open it first");
    }

    // A level 1-5 around 1 + 4 * level with some spread.
    private static int Likert(Random random, double level, double spread) =>
        (int)Math.Clamp(Math.Round(1 + (4 * level) + (Normal(random) * spread)), 1, 5);

    private static double Normal(Random random)
    {
        // Box-Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
