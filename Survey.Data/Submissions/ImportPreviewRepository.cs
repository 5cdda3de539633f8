using Dapper;
using Npgsql;

namespace Survey.Data.Submissions;

/// <summary>Parsed imports waiting for the coordinator's confirmation; older than a day they are gone.</summary>
public sealed class ImportPreviewRepository(NpgsqlDataSource dataSource) : Survey.Domain.Submissions.IImportPreviewRepository
{
    public async Task<Guid> AddAsync(Guid userId, Survey.Domain.Common.Scope scope, string fileName, string rowsJson, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM import_preview WHERE created_at < now() - interval '1 day';
            INSERT INTO import_preview (id, user_id, period_code, region_code, file_name, rows) VALUES (@Id, @User, @Period, @Region, @File, @Rows::jsonb);
            """, new { Id = id, User = userId, scope.Period, scope.Region, File = fileName, Rows = rowsJson }, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>The rows (JSON) of the user's preview for the region and period, or <c>null</c>.</summary>
    public async Task<(string FileName, string Rows)?> FindAsync(Guid id, Guid userId, Survey.Domain.Common.Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(string, string)?>(new CommandDefinition("""
            SELECT file_name, rows::text FROM import_preview
            WHERE id = @Id AND user_id = @User AND period_code = @Period AND region_code = @Region AND created_at > now() - interval '1 day'
            """, new { Id = id, User = userId, scope.Period, scope.Region }, cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM import_preview WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }
}
