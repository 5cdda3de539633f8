using System.Text.Json;
using Dapper;
using Npgsql;

namespace Survey.Data.Submissions;

/// <summary>
/// Form posts that arrived after the session expired, kept under a random id until the user signs in again.
/// They are never applied by themselves: the form shows them and the user saves.
/// </summary>
public sealed class PendingDraftRepository(NpgsqlDataSource dataSource) : Survey.Domain.Submissions.IPendingDraftRepository
{
    /// <summary>How many kept posts one user has at most (the oldest go first; the OFFSET in <see cref="InsertSql"/>).</summary>
    public const int PerUser = 5;

    private const string InsertSql = """
        DELETE FROM pending_draft WHERE created_at < now() - interval '1 day';
        INSERT INTO pending_draft (id, user_id, path, fields) VALUES (@Id, @UserId, @Path, @Fields::jsonb);
        DELETE FROM pending_draft WHERE user_id = @UserId AND id IN (
            SELECT id FROM pending_draft WHERE user_id = @UserId ORDER BY created_at DESC, id OFFSET 5);
        """;

    private const string TakeSql = """
        DELETE FROM pending_draft WHERE id = @Id AND user_id = @UserId AND path = @Path AND created_at >= now() - interval '1 day'
        RETURNING fields::text
        """;

    /// <summary>Keeps the fields of a post for <paramref name="userId"/>, who keeps at most <see cref="PerUser"/>.</summary>
    public async Task StoreAsync(string id, Guid userId, string path, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { Id = id, UserId = userId, Path = path, Fields = JsonSerializer.Serialize(fields) }, cancellationToken: cancellationToken));
    }

    /// <summary>Takes (and removes) the draft kept for <paramref name="userId"/> and <paramref name="path"/>; <c>null</c> when there is none.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>?> TakeAsync(string id, Guid userId, string path, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(TakeSql, new { Id = id, UserId = userId, Path = path }, cancellationToken: cancellationToken));
        return json is null ? null : JsonSerializer.Deserialize<List<KeyValuePair<string, string>>>(json);
    }
}
