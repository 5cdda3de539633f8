using System.Text.Json;
using Dapper;
using Npgsql;

namespace Survey.Data.Submissions;

/// <summary>
/// Form posts that arrived after the session expired, kept under a random id until the user signs in again.
/// They are never applied by themselves: the form shows them and the user saves.
/// </summary>
public sealed class PendingDraftRepository(NpgsqlDataSource dataSource)
{
    private const string InsertSql = """
        DELETE FROM pending_draft WHERE created_at < now() - interval '1 day';
        INSERT INTO pending_draft (id, path, fields) VALUES (@Id, @Path, @Fields::jsonb);
        """;

    private const string TakeSql = """
        DELETE FROM pending_draft WHERE id = @Id AND path = @Path AND created_at >= now() - interval '1 day'
        RETURNING fields::text
        """;

    public async Task StoreAsync(string id, string path, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { Id = id, Path = path, Fields = JsonSerializer.Serialize(fields) }, cancellationToken: cancellationToken));
    }

    /// <summary>Takes (and removes) the draft kept for <paramref name="path"/>; <c>null</c> when there is none.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>?> TakeAsync(string id, string path, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(TakeSql, new { Id = id, Path = path }, cancellationToken: cancellationToken));
        return json is null ? null : JsonSerializer.Deserialize<List<KeyValuePair<string, string>>>(json);
    }
}
