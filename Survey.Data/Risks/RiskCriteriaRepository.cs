using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Common;
using Survey.Domain.Risks;

namespace Survey.Data.Risks;

/// <summary>
/// The risk criteria revisions (migration 0029): stored at start from <c>indicators/risk/</c> by the indicator data
/// sync, read by label or by period. A revision never changes, so each is parsed once and kept.
/// </summary>
public sealed class RiskCriteriaRepository(NpgsqlDataSource dataSource) : IRiskCriteriaRepository
{
    private readonly ConcurrentDictionary<int, StoredRiskCriteria> _revisions = new();

    private const string ByLabelSql = """
        SELECT id, version, revision, content_hash, loaded_at, definition::text AS definition
        FROM risk_criteria_version
        WHERE version = @Version AND (@Revision::integer IS NULL OR revision = @Revision)
        ORDER BY revision DESC LIMIT 1
        """;

    private const string ByPeriodSql = """
        SELECT r.id, r.version, r.revision, r.content_hash, r.loaded_at, r.definition::text AS definition
        FROM period p
        JOIN risk_criteria_version r ON r.id = COALESCE(p.risk_criteria_version_id,
            (SELECT n.id FROM risk_criteria_version n WHERE n.version = p.risk_criteria ORDER BY n.revision DESC LIMIT 1))
        WHERE p.code = @Period
        """;

    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM risk_criteria_version WHERE version = @Version AND content_hash = @ContentHash)";

    private const string InsertSql = """
        INSERT INTO risk_criteria_version (version, revision, content_hash, definition)
        SELECT @Version, COALESCE(max(revision), 0) + 1, @ContentHash, @Definition::jsonb
        FROM risk_criteria_version WHERE version = @Version
        RETURNING revision
        """;

    // Periods opened before their criteria existed get the newest revision now; once set it never changes.
    private const string FixPeriodsSql = """
        UPDATE period p SET risk_criteria_version_id =
            (SELECT r.id FROM risk_criteria_version r WHERE r.version = p.risk_criteria ORDER BY r.revision DESC LIMIT 1)
        WHERE p.status <> 'draft' AND p.risk_criteria_version_id IS NULL
        """;

    /// <inheritdoc />
    public async Task<StoredRiskCriteria?> GetAsync(string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var (label, revision) = Catalogue.CatalogueRepository.SplitLabel(version);
        if (label is null)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(ByLabelSql, new { Version = label, Revision = revision }, cancellationToken: cancellationToken));
        return row is null ? null : ToStored(row);
    }

    /// <inheritdoc />
    public async Task<StoredRiskCriteria?> ForPeriodAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(ByPeriodSql, new { Period = period }, cancellationToken: cancellationToken));
        return row is null ? null : ToStored(row);
    }

    /// <summary>
    /// Stores <paramref name="criteria"/> as a new revision when its content is new (inside the indicator data sync's
    /// transaction); returns the new revision's label, or <c>null</c> when nothing changed.
    /// </summary>
    internal static async Task<string?> SyncAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RiskCriteria criteria, CancellationToken ct)
    {
        var json = ContentHash.CanonicalJson(criteria);
        var hash = ContentHash.OfText(json);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ExistsSql, new { criteria.Version, ContentHash = hash }, transaction, cancellationToken: ct)))
        {
            return null;
        }

        var revision = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertSql, new { criteria.Version, ContentHash = hash, Definition = json }, transaction, cancellationToken: ct));
        return $"{criteria.Version}.{revision.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Gives every open or later period without criteria the newest revision of its version.</summary>
    internal static Task FixPeriodsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(FixPeriodsSql, transaction: transaction, cancellationToken: ct));

    private StoredRiskCriteria ToStored(Row row) =>
        _revisions.GetOrAdd(row.Id, _ => new StoredRiskCriteria(row.Id, row.Version, row.Revision, row.ContentHash, new DateTimeOffset(DateTime.SpecifyKind(row.LoadedAt, DateTimeKind.Utc)),
            JsonSerializer.Deserialize<RiskCriteria>(row.Definition, ContentHash.JsonOptions)!));

    private sealed record Row(int Id, string Version, int Revision, string ContentHash, DateTime LoadedAt, string Definition);
}
