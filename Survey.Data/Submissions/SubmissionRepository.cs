using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Data.Submissions;

/// <summary>Indicator values and submission status in PostgreSQL; each save is one transaction with its audit rows.</summary>
public sealed class SubmissionRepository(NpgsqlDataSource dataSource) : ISubmissionRepository
{
    private const string StatusSql = "SELECT status FROM submission WHERE period_code = @Period AND region_code = @Region";

    private const string ValuesSql = """
        SELECT v.indicator_key, v.value, v.numerator, v.denominator, v.not_available_reason, v.source_agency, v.source_document,
               v.source_year, v.note, v.justification, v.version, v.updated_by, u.name AS updated_by_name, v.updated_at
        FROM indicator_value v
        LEFT JOIN app_user u ON u.id = v.updated_by
        WHERE v.period_code = @Period AND v.region_code = @Region
        """;

    private const string EnsureSubmissionSql = """
        INSERT INTO submission (period_code, region_code) VALUES (@Period, @Region) ON CONFLICT DO NOTHING
        """;

    // Saves of one region and period are serialised on the submission row: versions and the audit's old
    // values stay exact even when two editors save the same new entry at once.
    private const string LockSubmissionSql = """
        SELECT status FROM submission WHERE period_code = @Period AND region_code = @Region FOR UPDATE
        """;

    private const string LockValuesSql = ValuesSql + " AND v.indicator_key = ANY(@Keys) FOR UPDATE OF v";

    private const string UpsertSql = """
        INSERT INTO indicator_value (period_code, region_code, indicator_key, value, numerator, denominator, not_available_reason,
                                     source_agency, source_document, source_year, note, justification, version, updated_by, updated_at)
        VALUES (@Period, @Region, @Key, @Value, @Numerator, @Denominator, @NotAvailableReason,
                @SourceAgency, @SourceDocument, @SourceYear, @Note, @Justification, @Version, @ActorId, now())
        ON CONFLICT (period_code, region_code, indicator_key) DO UPDATE SET
            value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
            not_available_reason = EXCLUDED.not_available_reason, source_agency = EXCLUDED.source_agency,
            source_document = EXCLUDED.source_document, source_year = EXCLUDED.source_year, note = EXCLUDED.note,
            justification = EXCLUDED.justification, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
            updated_at = EXCLUDED.updated_at
        """;

    private const string PreviousSql = """
        SELECT indicator_key, value FROM indicator_value
        WHERE period_code = @Previous AND region_code = @Region AND value IS NOT NULL
        """;

    private const string PeersSql = """
        WITH peer AS (
            SELECT indicator_key, value FROM indicator_value
            WHERE period_code = @Period AND region_code <> @Region AND value IS NOT NULL
        ), median AS (
            SELECT indicator_key, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median
            FROM peer GROUP BY indicator_key
        )
        SELECT m.indicator_key, m.n AS count, m.median,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(p.value - m.median::numeric)) AS mad
        FROM median m JOIN peer p USING (indicator_key)
        GROUP BY m.indicator_key, m.n, m.median
        """;

    private const string SubmitSql = """
        UPDATE submission SET status = 'submitted', submitted_at = now(), updated_at = now(), round = round + 1
        WHERE period_code = @Period AND region_code = @Region AND status IN ('draft', 'returned')
        RETURNING status
        """;

    // A resubmission puts the returned items back in front of the evaluator; accepted items stay accepted.
    private const string ReopenMarksSql = """
        UPDATE review_mark SET state = 'open', updated_at = now()
        WHERE period_code = @Period AND region_code = @Region AND state = 'returned'
        """;

    private const string ClearFlagsSql = "DELETE FROM plausibility_flag WHERE period_code = @Period AND region_code = @Region";

    /// <summary>Stores one flag with the value's justification (also used by the synthetic generator).</summary>
    internal const string InsertFlagSql = """
        INSERT INTO plausibility_flag (period_code, region_code, indicator_key, rule, value, reference, informational, justification)
        SELECT @Period, @Region, @Key, @Rule, @Value, @Reference, @Informational,
               (SELECT justification FROM indicator_value WHERE period_code = @Period AND region_code = @Region AND indicator_key = @Key)
        """;

    private const string TouchSql = "UPDATE submission SET updated_at = now() WHERE period_code = @Period AND region_code = @Region";

    public async Task<SubmissionStatus> GetStatusAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(StatusSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return status is null ? SubmissionStatus.Draft : SubmissionStatuses.Parse(status);
    }

    public async Task<IReadOnlyDictionary<string, StoredIndicatorValue>> GetValuesAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ValueRow>(new CommandDefinition(ValuesSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.IndicatorKey, r => r.ToStored(), StringComparer.Ordinal);
    }

    public async Task<SaveResult> SaveValuesAsync(Scope scope, IReadOnlyList<EntryChange> changes, Guid actorId, CancellationToken cancellationToken, IReadOnlyList<NewEvidence>? evidence = null)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(EnsureSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteScalarAsync<string>(new CommandDefinition(LockSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        var stored = (await connection.QueryAsync<ValueRow>(new CommandDefinition(LockValuesSql, new
        {
            Period = period,
            Region = region,
            Keys = changes.Select(c => c.Entry.Key).ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.IndicatorKey, r => r.ToStored(), StringComparer.Ordinal);

        var conflicts = new List<EntryConflict>();
        foreach (var change in changes)
        {
            var current = stored.GetValueOrDefault(change.Entry.Key);
            var currentVersion = current?.Version ?? 0;
            if (change.ExpectedVersion is { } expected && expected != currentVersion && current?.Entry != change.Entry)
            {
                conflicts.Add(new EntryConflict(change.Entry.Key, current!));
            }
        }

        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new SaveResult(0, conflicts);
        }

        var changed = 0;
        foreach (var change in changes)
        {
            var current = stored.GetValueOrDefault(change.Entry.Key);
            if (current?.Entry == change.Entry || (current is null && change.Entry.IsBlank && string.IsNullOrEmpty(change.Entry.Note)))
            {
                continue;
            }

            var entry = change.Entry;
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
            {
                Period = period,
                Region = region,
                entry.Key,
                entry.Value,
                entry.Numerator,
                entry.Denominator,
                entry.NotAvailableReason,
                entry.SourceAgency,
                entry.SourceDocument,
                entry.SourceYear,
                entry.Note,
                entry.Justification,
                Version = (current?.Version ?? 0) + 1,
                ActorId = actorId,
            }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "indicator_value", entry.Key,
                current is null ? "create" : "update", current?.Entry, entry), cancellationToken);
            changed++;
        }

        foreach (var item in evidence ?? [])
        {
            await EvidenceWriter.AddAsync(connection, transaction, period, region, item, actorId, cancellationToken);
        }

        if (changed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(TouchSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(changed, []);
    }

    public async Task<PlausibilityContext> GetPlausibilityContextAsync(Scope scope, string previousPeriod, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var previous = await connection.QueryAsync<(string Key, decimal Value)>(new CommandDefinition(PreviousSql, new { Previous = previousPeriod, Region = region }, cancellationToken: cancellationToken));
        var peers = await connection.QueryAsync<PeerRow>(new CommandDefinition(PeersSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return new PlausibilityContext(
            previous.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            peers.ToDictionary(p => p.IndicatorKey, p => new PeerStatistics((int)p.Count, (decimal)p.Median, (decimal)p.Mad), StringComparer.Ordinal));
    }

    public async Task<bool> SubmitAsync(Scope scope, IReadOnlyList<PlausibilityFlag> flags, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(flags);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(EnsureSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        var before = await connection.ExecuteScalarAsync<string>(new CommandDefinition(LockSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        var moved = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SubmitSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        if (moved is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(ReopenMarksSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(ClearFlagsSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertFlagSql, flags.Select(f => new { Period = period, Region = region, f.Key, f.Rule, f.Value, f.Reference, f.Informational }), transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "submission", $"{period}/{region}", "submit",
            new { status = before }, new { status = SubmissionStatuses.NameOf(SubmissionStatus.Submitted), flags = flags.Count }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed record PeerRow(string IndicatorKey, long Count, double Median, double Mad);

    private sealed record ValueRow(
        string IndicatorKey, decimal? Value, decimal? Numerator, decimal? Denominator, string? NotAvailableReason, string? SourceAgency,
        string? SourceDocument, int? SourceYear, string? Note, string? Justification, int Version, Guid? UpdatedBy, string? UpdatedByName, DateTime UpdatedAt)
    {
        public StoredIndicatorValue ToStored() => new(
            new IndicatorEntry(IndicatorKey, Value, Numerator, Denominator, NotAvailableReason, SourceAgency, SourceDocument, SourceYear, Note, Justification),
            Version, UpdatedBy, UpdatedByName, new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
    }
}
