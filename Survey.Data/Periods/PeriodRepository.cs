using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Periods;

namespace Survey.Data.Periods;

/// <summary>Periods in PostgreSQL; every change writes its audit row in the same transaction.</summary>
public sealed class PeriodRepository(NpgsqlDataSource dataSource) : IPeriodRepository
{
    private const string SelectSql = """
        SELECT p.code, p.entry_opens, p.entry_closes, p.methodology, p.methodology_version_id,
               CASE WHEN m.id IS NULL THEN NULL ELSE m.version || '.' || m.revision END AS methodology_label, p.status,
               CASE WHEN r.id IS NULL THEN NULL ELSE r.version || '.' || r.revision END AS risk_criteria_label
        FROM period p
        LEFT JOIN methodology_version m ON m.id = p.methodology_version_id
        LEFT JOIN risk_criteria_version r ON r.id = p.risk_criteria_version_id
        """;

    private const string ListSql = SelectSql + " ORDER BY p.code DESC";

    private const string FindSql = SelectSql + " WHERE p.code = @Code";

    private const string InsertSql = """
        INSERT INTO period (code, entry_opens, entry_closes, methodology)
        VALUES (@Code, @EntryOpens, @EntryCloses, @Methodology)
        ON CONFLICT (code) DO NOTHING
        """;

    private const string TransitionSql = """
        UPDATE period
        SET status = @To,
            methodology_version_id = CASE
                WHEN @To = 'open' AND methodology_version_id IS NULL THEN
                    (SELECT id FROM methodology_version WHERE version = period.methodology ORDER BY revision DESC LIMIT 1)
                ELSE methodology_version_id END,
            questionnaire_version_id = CASE
                WHEN @To = 'open' AND questionnaire_version_id IS NULL THEN
                    (SELECT id FROM questionnaire_version WHERE version = period.questionnaire ORDER BY revision DESC LIMIT 1)
                ELSE questionnaire_version_id END,
            risk_criteria_version_id = CASE
                WHEN @To = 'open' AND risk_criteria_version_id IS NULL THEN
                    (SELECT id FROM risk_criteria_version WHERE version = period.risk_criteria ORDER BY revision DESC LIMIT 1)
                ELSE risk_criteria_version_id END,
            updated_at = now()
        WHERE code = @Code AND status = @From
        """;

    public async Task<IReadOnlyList<Period>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<PeriodRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))).Select(r => r.ToPeriod()).ToList();
    }

    public async Task<Period?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, code, cancellationToken);
    }

    public async Task<bool> AddAsync(NewPeriod period, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            period.Code,
            EntryOpens = period.EntryOpens!.Value,
            EntryCloses = period.EntryCloses!.Value,
            period.Methodology,
        }, transaction, cancellationToken: cancellationToken)) == 1;
        if (inserted)
        {
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period.Code, null, "period", period.Code!, "create", null, period), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task<Period?> TransitionAsync(string code, PeriodStatus fromStatus, PeriodStatus toStatus, Guid? actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, code, cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(TransitionSql, new
        {
            Code = code,
            From = PeriodCodes.NameOf(fromStatus),
            To = PeriodCodes.NameOf(toStatus),
        }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        var after = await FindAsync(connection, transaction, code, cancellationToken);
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, code, null, "period", code, PeriodCodes.NameOf(toStatus),
            new { status = PeriodCodes.NameOf(before!.Status) }, new { status = PeriodCodes.NameOf(toStatus), methodology = after!.MethodologyLabel }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    public async Task<IReadOnlyList<RegionStanding>> StandingsAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Standings.ReadAsync(connection, null, code, cancellationToken);
    }

    private static async Task<Period?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string code, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PeriodRow>(new CommandDefinition(FindSql, new { Code = code }, transaction, cancellationToken: cancellationToken));
        return row?.ToPeriod();
    }

    private sealed record PeriodRow(string Code, DateOnly EntryOpens, DateOnly EntryCloses, string Methodology, int? MethodologyVersionId, string? MethodologyLabel, string Status, string? RiskCriteriaLabel)
    {
        public Period ToPeriod()
        {
            if (!PeriodCodes.TryParseStatus(Status, out var status))
            {
                throw new InvalidOperationException($"period {Code} has the unknown status '{Status}'");
            }

            return new Period(Code, EntryOpens, EntryCloses, Methodology, MethodologyVersionId, MethodologyLabel, status) { RiskCriteriaLabel = RiskCriteriaLabel };
        }
    }
}
