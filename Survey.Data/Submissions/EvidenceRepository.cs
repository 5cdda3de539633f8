using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Data.Submissions;

/// <summary>Evidence files (bytea) and links in PostgreSQL; adds and removals are audited in the same transaction.</summary>
public sealed class EvidenceRepository(NpgsqlDataSource dataSource) : IEvidenceRepository
{
    private const string ListSql = """
        SELECT e.id, e.target, e.kind, e.file_name, e.content_type, e.size_bytes, e.url, e.uploaded_at, u.name AS uploaded_by
        FROM evidence e LEFT JOIN app_user u ON u.id = e.uploaded_by
        WHERE e.period_code = @Period AND e.region_code = @Region
        ORDER BY e.uploaded_at
        """;

    private const string EnsureSubmissionSql = "INSERT INTO submission (period_code, region_code) VALUES (@Period, @Region) ON CONFLICT DO NOTHING";

    private const string FileSql = """
        SELECT e.id, e.target, e.kind, e.file_name, e.content_type, e.size_bytes, e.url, e.uploaded_at, NULL AS uploaded_by, e.content
        FROM evidence e WHERE e.id = @Id AND e.period_code = @Period AND e.region_code = @Region AND e.kind = 'file'
        """;

    private const string DeleteSql = """
        DELETE FROM evidence WHERE id = @Id AND period_code = @Period AND region_code = @Region
        RETURNING target, kind, file_name, url
        """;

    public async Task<IReadOnlyList<EvidenceItem>> ListAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToItem()).ToList();
    }

    public Task<Guid> AddFileAsync(Scope scope, string target, InspectedFile file, byte[] content, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(content);
        return AddAsync(period, region, target, "file", file.SafeName, file.ContentType, content, null, actorId, cancellationToken);
    }

    public Task<Guid> AddLinkAsync(Scope scope, string target, string url, Guid actorId, CancellationToken cancellationToken) =>
        AddAsync(scope.Period, scope.Region, target, "link", null, null, null, url, actorId, cancellationToken);

    public async Task<(EvidenceItem Item, byte[] Content)?> GetFileAsync(Scope scope, Guid id, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(FileSql, new { Id = id, Period = period, Region = region }, cancellationToken: cancellationToken));
        return row is null ? null : (new EvidenceItem(row.Id, row.Target, row.Kind, row.FileName, row.ContentType, row.SizeBytes, row.Url, new DateTimeOffset(DateTime.SpecifyKind(row.UploadedAt, DateTimeKind.Utc)), null), row.Content);
    }

    public async Task<bool> DeleteAsync(Scope scope, Guid id, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.QuerySingleOrDefaultAsync<(string Target, string Kind, string? FileName, string? Url)?>(
            new CommandDefinition(DeleteSql, new { Id = id, Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        if (removed is null)
        {
            return false;
        }

        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "evidence", id.ToString(), "delete",
            new { target = removed.Value.Target, kind = removed.Value.Kind, file_name = removed.Value.FileName, url = removed.Value.Url }, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<Guid> AddAsync(string period, string region, string target, string kind, string? fileName, string? contentType, byte[]? content, string? url, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(EnsureSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        var id = await EvidenceWriter.AddAsync(connection, transaction, period, region, target, kind, fileName, contentType, content, url, actorId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private sealed record Row(Guid Id, string Target, string Kind, string? FileName, string? ContentType, long? SizeBytes, string? Url, DateTime UploadedAt, string? UploadedBy)
    {
        public EvidenceItem ToItem() => new(Id, Target, Kind, FileName, ContentType, SizeBytes, Url, new DateTimeOffset(DateTime.SpecifyKind(UploadedAt, DateTimeKind.Utc)), UploadedBy);
    }

    private sealed record FileRow(Guid Id, string Target, string Kind, string? FileName, string? ContentType, long? SizeBytes, string? Url, DateTime UploadedAt, string? UploadedBy, byte[] Content);
}

/// <summary>Writes one evidence item and its audit row inside the caller's transaction.</summary>
internal static class EvidenceWriter
{
    private const string InsertSql = """
        INSERT INTO evidence (id, period_code, region_code, target, kind, file_name, content_type, size_bytes, content, sha256, url, uploaded_by)
        VALUES (@Id, @Period, @Region, @Target, @Kind, @FileName, @ContentType, @SizeBytes, @Content, @Sha256, @Url, @ActorId)
        """;

    public static Task<Guid> AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, NewEvidence item, Guid actorId, CancellationToken cancellationToken) =>
        item.File is { } file
            ? AddAsync(connection, transaction, period, region, item.Target, "file", file.SafeName, file.ContentType, item.Content, null, actorId, cancellationToken)
            : AddAsync(connection, transaction, period, region, item.Target, "link", null, null, null, item.Link, actorId, cancellationToken);

    public static async Task<Guid> AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, string target, string kind, string? fileName, string? contentType, byte[]? content, string? url, Guid actorId, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var sha = content is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            Period = period,
            Region = region,
            Target = target,
            Kind = kind,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = content?.LongLength,
            Content = content,
            Sha256 = sha,
            Url = url,
            ActorId = actorId,
        }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "evidence", id.ToString(), "create", null,
            new { target, kind, file_name = fileName, content_type = contentType, size_bytes = content?.LongLength, sha256 = sha, url }), cancellationToken);
        return id;
    }
}
