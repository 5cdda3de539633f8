using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Scoring;
using Survey.Domain.Submissions;

namespace Survey.Data.Scoring;

/// <summary>
/// Reads the inputs of scoring with four set-based queries in one round trip, whatever the number of
/// regions, and keeps published snapshots append-only.
/// </summary>
public sealed class ScoreRepository(NpgsqlDataSource dataSource) : IScoreRepository
{
    // Submitted means anything past draft: submitted, returned for revision, approved.
    private const string ValuesSql = """
        SELECT v.region_code, v.indicator_key, v.value
        FROM indicator_value v JOIN submission s ON s.period_code = v.period_code AND s.region_code = v.region_code
        WHERE v.period_code = $1 AND s.status <> 'draft' AND v.value IS NOT NULL {0}
        """;

    private const string ProgrammesSql = """
        SELECT p.region_code, p.id, p.dimension, p.name, p.maturity_level, p.verified_level
        FROM programme p JOIN submission s ON s.period_code = p.period_code AND s.region_code = p.region_code
        WHERE p.period_code = $1 AND s.status <> 'draft' {0}
        ORDER BY p.region_code, p.dimension, p.sort_order, p.id
        """;

    private const string ResponsesSql = """
        SELECT r.region_code, sum(r.responses)::integer FROM response_tally r WHERE r.period_code = $1 {0} GROUP BY r.region_code
        """;

    // Running sums kept with every response (answer_tally), not an aggregate over every answer.
    private const string TalliesSql = """
        SELECT t.region_code, t.item_code, sum(t.likert_sum)::bigint, sum(t.likert_count)::integer FROM answer_tally t WHERE t.period_code = $1 {0}
        GROUP BY t.region_code, t.item_code
        """;

    private const string SubmittedSql = """
        SELECT s.region_code FROM submission s WHERE s.period_code = $1 AND s.status <> 'draft' {0}
        """;

    public async Task<IReadOnlyList<ScoreInput>> ReadInputsAsync(string period, string? region, CancellationToken cancellationToken)
    {
        var builders = new SortedDictionary<string, Builder>(StringComparer.Ordinal);
        Builder For(string code)
        {
            if (!builders.TryGetValue(code, out var builder))
            {
                builders[code] = builder = new Builder();
            }

            return builder;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (sql, alias) in new[] { (SubmittedSql, "s"), (ValuesSql, "v"), (ProgrammesSql, "p"), (ResponsesSql, "r"), (TalliesSql, "t") })
        {
            var command = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, region is null ? string.Empty : $"AND {alias}.region_code = $2"));
            command.Parameters.Add(new NpgsqlParameter { Value = period });
            if (region is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = region });
            }

            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            For(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            For(reader.GetString(0)).Values[reader.GetString(1)] = reader.GetDecimal(2);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            For(reader.GetString(0)).Programmes.Add(new ProgrammeInput(
                reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5)));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            For(reader.GetString(0)).Responses = reader.GetInt32(1);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            For(reader.GetString(0)).Items[reader.GetString(1)] = new ItemTally(reader.GetInt64(2), reader.GetInt32(3));
        }

        return builders.Select(b => new ScoreInput(b.Key, b.Value.Values, b.Value.Programmes, b.Value.Responses, b.Value.Items)).ToList();
    }

    private const string NextVersionSql = """
        SELECT p.status, coalesce((SELECT max(version) FROM score_snapshot WHERE period_code = p.code), 0) + 1
        FROM period p WHERE p.code = @Period FOR UPDATE
        """;

    private const string InsertSnapshotSql = """
        INSERT INTO score_snapshot (period_code, version, methodology_version_id, questionnaire_version_id, content_hash, regions, reason, created_by)
        SELECT @Period, @Version, @MethodologyVersionId, p.questionnaire_version_id, @Hash, @Regions, @Reason, @ActorId FROM period p WHERE p.code = @Period
        RETURNING id
        """;

    private const string PublishPeriodSql = "UPDATE period SET status = 'published', updated_at = now() WHERE code = @Period AND status <> 'published'";

    private const string SnapshotsSql = """
        SELECT s.id, s.period_code AS period, s.version, s.methodology_version_id, s.content_hash, s.regions, s.reason, s.created_by, s.created_at,
               EXISTS (SELECT 1 FROM score_snapshot n WHERE n.period_code = s.period_code AND n.version > s.version) AS superseded
        FROM score_snapshot s WHERE s.period_code = @Period ORDER BY s.version DESC
        """;

    private const string LockSubmissionsSql = "SELECT region_code FROM submission WHERE period_code = @Period ORDER BY region_code FOR UPDATE";

    // The entries of the included regions as they are when the snapshot is made, set-based.
    private const string SnapshotValuesSql = """
        INSERT INTO score_snapshot_value (snapshot_id, region_code, indicator_key, value, numerator, denominator, not_available_reason,
                                          source_agency, source_document, source_year, note, justification)
        SELECT @Id, v.region_code, v.indicator_key, v.value, v.numerator, v.denominator, v.not_available_reason,
               v.source_agency, v.source_document, v.source_year, v.note, v.justification
        FROM indicator_value v WHERE v.period_code = @Period AND v.region_code = ANY(@Regions)
        """;

    private const string ReadSnapshotValuesSql = """
        SELECT indicator_key AS key, value, numerator, denominator, not_available_reason AS notavailablereason, source_agency AS sourceagency,
               source_document AS sourcedocument, source_year AS sourceyear, note, justification
        FROM score_snapshot_value WHERE snapshot_id = @Id AND region_code = @Region
        """;

    private const string InsertExclusionSql = """
        INSERT INTO publication_exclusion (snapshot_id, region_code, status, reason) VALUES (@SnapshotId, @Region, @Status, @Reason)
        """;

    private const string ExclusionsSql = """
        SELECT e.region_code AS region, r.name, e.status, e.reason
        FROM publication_exclusion e JOIN region r ON r.code = e.region_code
        WHERE e.snapshot_id = @Id ORDER BY e.region_code
        """;

    public async Task<PublicationOutcome> PublishAsync(string period, int methodologyVersionId, IReadOnlyList<RegionScore> scores, IReadOnlyList<Survey.Domain.Periods.PublicationExclusion> exclusions, string? reason, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(exclusions);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await connection.QuerySingleOrDefaultAsync<(string Status, int Version)?>(new CommandDefinition(NextVersionSql, new { Period = period }, transaction, cancellationToken: cancellationToken));
        if (state is not { Status: "closed" or "published" } current)
        {
            return new PublicationOutcome(null, true, null, new Dictionary<string, string[]>());
        }

        // Reviews cannot move a region while the guard decides: its submission rows are locked until commit.
        await connection.ExecuteAsync(new CommandDefinition(LockSubmissionsSql, new { Period = period }, transaction, cancellationToken: cancellationToken));
        var standings = await Periods.Standings.ReadAsync(connection, transaction, period, cancellationToken);
        var (plan, errors) = Survey.Domain.Periods.PublicationRules.Plan(standings, exclusions);
        if (errors.Count > 0 || !plan.CanPublish)
        {
            return new PublicationOutcome(null, false, plan, errors);
        }

        var included = plan.Included.Select(r => r.Region).ToHashSet(StringComparer.Ordinal);
        var ordered = scores.Where(s => included.Contains(s.Region)).OrderBy(s => s.Region, StringComparer.Ordinal).ToList();
        var hash = ContentHash.Of(ordered);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertSnapshotSql, new
        {
            Period = period,
            current.Version,
            MethodologyVersionId = methodologyVersionId,
            Hash = hash,
            Regions = ordered.Count,
            Reason = reason,
            ActorId = actorId,
        }, transaction, cancellationToken: cancellationToken));

        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY score_snapshot_region (snapshot_id, region_code, complete, index_1_5, index_100, result) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var score in ordered)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(score.Region, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(score.Complete, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(import, score.Index, cancellationToken);
                await WriteNullableAsync(import, score.Index100, cancellationToken);
                await import.WriteAsync(JsonSerializer.Serialize(score, ContentHash.JsonOptions), NpgsqlTypes.NpgsqlDbType.Jsonb, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(SnapshotValuesSql, new { Id = id, Period = period, Regions = ordered.Select(s => s.Region).ToArray() }, transaction, cancellationToken: cancellationToken));
        var statusOf = standings.ToDictionary(r => r.Region, r => r.Status, StringComparer.Ordinal);
        await connection.ExecuteAsync(new CommandDefinition(InsertExclusionSql,
            plan.Exclusions.Select(e => new { SnapshotId = id, e.Region, Status = statusOf[e.Region], e.Reason }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(PublishPeriodSql, new { Period = period }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, null, "period", period, current.Version == 1 ? "publish" : "republish",
            new { status = current.Status },
            new
            {
                status = "published",
                snapshot_version = current.Version,
                content_hash = hash,
                regions = ordered.Count,
                reason,
                excluded = plan.Exclusions.Select(e => new { region = e.Region, status = statusOf[e.Region], reason = e.Reason }),
                not_submitted = plan.NotSubmitted.Select(r => r.Region),
            }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PublicationOutcome((await ListSnapshotsAsync(period, cancellationToken)).First(s => s.Id == id), false, plan, errors);
    }

    public async Task<IReadOnlyList<SnapshotExclusion>> ListExclusionsAsync(int snapshotId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<SnapshotExclusion>(new CommandDefinition(ExclusionsSql, new { Id = snapshotId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<ScoreSnapshot>> ListSnapshotsAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ScoreSnapshot>(new CommandDefinition(SnapshotsSql, new { Period = period }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> VerifyAsync(ScoreSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var results = await ReadSnapshotAsync(snapshot.Id, null, cancellationToken);
        return results.Count == snapshot.Regions && ContentHash.Of(results.OrderBy(s => s.Region, StringComparer.Ordinal).ToList()) == snapshot.ContentHash;
    }

    public async Task<IReadOnlyList<RegionScore>> ReadSnapshotAsync(int snapshotId, string? region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = "SELECT result::text FROM score_snapshot_region WHERE snapshot_id = @Id" + (region is null ? string.Empty : " AND region_code = @Region") + " ORDER BY region_code";
        var rows = await connection.QueryAsync<string>(new CommandDefinition(sql, new { Id = snapshotId, Region = region }, cancellationToken: cancellationToken));
        return rows.Select(r => JsonSerializer.Deserialize<RegionScore>(r, ContentHash.JsonOptions)!).ToList();
    }

    public async Task<IReadOnlyDictionary<string, IndicatorEntry>?> ReadSnapshotValuesAsync(int snapshotId, string region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<IndicatorEntry>(new CommandDefinition(ReadSnapshotValuesSql, new { Id = snapshotId, Region = region }, cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0 ? null : rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, decimal? value, CancellationToken cancellationToken) =>
        value is { } v ? import.WriteAsync(v, NpgsqlTypes.NpgsqlDbType.Numeric, cancellationToken) : import.WriteNullAsync(cancellationToken);

    private sealed class Builder
    {
        public Dictionary<string, decimal> Values { get; } = new(StringComparer.Ordinal);

        public List<ProgrammeInput> Programmes { get; } = [];

        public int Responses { get; set; }

        public Dictionary<string, ItemTally> Items { get; } = new(StringComparer.Ordinal);
    }
}
