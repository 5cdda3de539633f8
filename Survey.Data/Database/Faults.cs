using Npgsql;
using Survey.Domain.Common;
using Survey.Domain.Platform;

namespace Survey.Data.Database;

/// <summary>The database failures that mean "unreachable right now", as <see cref="DatabaseErrors"/> knows them.</summary>
public sealed class DatabaseFaults : IDatabaseFaults
{
    public bool IsUnavailable(Exception? exception) => DatabaseErrors.IsUnavailable(exception);
}

/// <summary>The bare INSERT of a response row, the floor of the submission benchmark.</summary>
public sealed class BenchmarkFloor(NpgsqlDataSource dataSource) : IBenchmarkFloor
{
    public async Task InsertBareResponseAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO response (id, period_code, region_code, questionnaire_version_id)
            SELECT $1, $2, $3, p.questionnaire_version_id FROM period p WHERE p.code = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.Period });
        command.Parameters.Add(new NpgsqlParameter { Value = scope.Region });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
