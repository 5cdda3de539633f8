using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Survey.Domain.Surveys;

namespace Survey.Data.Surveys;

/// <summary>
/// Stores completed responses with group commit: completions that arrive while a write is in flight are
/// written together in one statement and one transaction, and each caller is answered when the transaction
/// that holds its response has committed (never before). Under light load a completion is written at once,
/// alone; under a burst one commit, one flush of the write-ahead log and one update of each running sum
/// serve up to <see cref="MaxBatch"/> respondents. Each completion keeps its own outcome: an invitation
/// completes once, also when the same link is submitted twice in one batch; a completion that the database
/// refuses is retried alone, so it cannot take the others of its batch down with it.
/// </summary>
public sealed class ResponseWriter : IAsyncDisposable
{
    /// <summary>At most this many responses go into one statement.</summary>
    public const int MaxBatch = 64;

    // Two writers: one can prepare and send its batch while the other waits for its commit to be flushed.
    private const int Writers = 2;

    // The tally shard of the next batch: round-robin over 16, so that concurrent batches of one region update
    // different rows (and consecutive batches never pile onto one).
    private static int _shard;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Task[] _writers;

    public ResponseWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>
    /// Marks the invitation completed and stores the answers as a response without any link to it, in one
    /// transaction; <c>false</c> when the invitation had already completed or expired, or its period is not open.
    /// Once queued the completion is written even if the caller stops waiting (as a commit in flight would be).
    /// </summary>
    public Task<bool> CompleteAsync(Guid invitationId, IReadOnlyList<Answer> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var pending = new Pending(invitationId, Guid.CreateVersion7(), answers.Where(a => !a.IsEmpty).ToArray());
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(ResponseWriter), "The application is stopping; the response was not stored.");
        }

        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking completions and writes the ones already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        // The same link twice in one batch: only its first completion can succeed, as one after the other would.
        var seen = new HashSet<Guid>();
        var unique = new List<Pending>(batch.Count);
        foreach (var pending in batch)
        {
            if (seen.Add(pending.InvitationId))
            {
                unique.Add(pending);
            }
            else
            {
                pending.Outcome.TrySetResult(false);
            }
        }

        try
        {
            var completed = await WriteAsync(unique).ConfigureAwait(false);
            foreach (var pending in unique)
            {
                pending.Outcome.TrySetResult(completed.Contains(pending.InvitationId));
            }
        }
        catch (PostgresException) when (unique.Count > 1)
        {
            // The database refused the batch (a constraint, a deadlock): each completion on its own, so that
            // only the one at fault fails.
            foreach (var pending in unique)
            {
                await WriteAloneAsync(pending).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in unique)
            {
                pending.Outcome.TrySetException(exception);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            var completed = await WriteAsync([pending]).ConfigureAwait(false);
            pending.Outcome.TrySetResult(completed.Contains(pending.InvitationId));
        }
        catch (Exception exception)
        {
            pending.Outcome.TrySetException(exception);
        }
    }

    // One statement, atomic on its own. Invitations are locked by the UPDATE in id order (so two batches
    // cannot deadlock on them); a completion only goes through while its invitation is a personal link (an open
    // campaign link only hands out personal links and is never answered itself), unused or started,
    // unexpired, and its period open. The running sums are added per region and item for the whole batch,
    // in key order, on one stripe chosen per batch.
    private const string CompleteBatchSql = """
        WITH input AS (
            SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS s (invitation_id, response_id)
        ), done AS (
            UPDATE invitation i SET status = 'completed', completed_at = now()
            FROM (SELECT i2.id FROM invitation i2 JOIN input s ON s.invitation_id = i2.id ORDER BY i2.id FOR UPDATE OF i2) locked, period p
            WHERE i.id = locked.id AND i.status <> 'completed' AND i.kind <> 'open' AND i.expires_at > now()
              AND p.code = i.period_code AND p.status = 'open'
            RETURNING i.id, i.period_code, i.region_code, p.questionnaire_version_id
        ), resp AS (
            INSERT INTO response (id, period_code, region_code, questionnaire_version_id)
            SELECT s.response_id, d.period_code, d.region_code, d.questionnaire_version_id
            FROM done d JOIN input s ON s.invitation_id = d.id
            ORDER BY s.response_id
            RETURNING id, period_code, region_code
        ), inserted AS (
            INSERT INTO answer (response_id, item_code, likert, choice, number, text, dont_know)
            SELECT a.response_id, a.item, a.likert, a.choice, a.number, a.text, a.dont_know
            FROM unnest($3::uuid[], $4::text[], $5::smallint[], $6::text[], $7::numeric[], $8::text[], $9::boolean[])
                 AS a (response_id, item, likert, choice, number, text, dont_know)
            WHERE a.response_id IN (SELECT id FROM resp)
            RETURNING response_id, item_code, likert, dont_know
        ), counted AS (
            INSERT INTO response_tally (period_code, region_code, shard, responses)
            SELECT period_code, region_code, $10, count(*) FROM resp
            GROUP BY period_code, region_code ORDER BY period_code, region_code
            ON CONFLICT (period_code, region_code, shard) DO UPDATE SET responses = response_tally.responses + EXCLUDED.responses
        ), drafts AS (
            DELETE FROM response_draft WHERE invitation_id IN (SELECT id FROM done)
        ), tallied AS (
            INSERT INTO answer_tally (period_code, region_code, item_code, shard, likert_sum, likert_count, l1, l2, l3, l4, l5, dont_know)
            SELECT r.period_code, r.region_code, a.item_code, $10, coalesce(sum(a.likert), 0), count(a.likert),
                   count(*) FILTER (WHERE a.likert = 1), count(*) FILTER (WHERE a.likert = 2), count(*) FILTER (WHERE a.likert = 3),
                   count(*) FILTER (WHERE a.likert = 4), count(*) FILTER (WHERE a.likert = 5), count(*) FILTER (WHERE a.dont_know)
            FROM inserted a JOIN resp r ON r.id = a.response_id
            WHERE a.likert IS NOT NULL OR a.dont_know
            GROUP BY r.period_code, r.region_code, a.item_code ORDER BY r.period_code, r.region_code, a.item_code
            ON CONFLICT (period_code, region_code, item_code, shard) DO UPDATE
            SET likert_sum = answer_tally.likert_sum + EXCLUDED.likert_sum, likert_count = answer_tally.likert_count + EXCLUDED.likert_count,
                l1 = answer_tally.l1 + EXCLUDED.l1, l2 = answer_tally.l2 + EXCLUDED.l2, l3 = answer_tally.l3 + EXCLUDED.l3,
                l4 = answer_tally.l4 + EXCLUDED.l4, l5 = answer_tally.l5 + EXCLUDED.l5, dont_know = answer_tally.dont_know + EXCLUDED.dont_know
        )
        SELECT id FROM done
        """;

    private async Task<HashSet<Guid>> WriteAsync(IReadOnlyList<Pending> batch)
    {
        var answerCount = batch.Sum(p => p.Answers.Length);
        var owners = new Guid[answerCount];
        var items = new string[answerCount];
        var likerts = new short?[answerCount];
        var choices = new string?[answerCount];
        var numbers = new decimal?[answerCount];
        var texts = new string?[answerCount];
        var dontKnows = new bool[answerCount];
        var i = 0;
        foreach (var pending in batch)
        {
            foreach (var answer in pending.Answers)
            {
                owners[i] = pending.ResponseId;
                items[i] = answer.Item;
                likerts[i] = (short?)answer.Likert;
                choices[i] = answer.Choice;
                numbers[i] = answer.Number;
                texts[i] = answer.Text;
                dontKnows[i] = answer.DontKnow;
                i++;
            }
        }

        await using var command = _dataSource.CreateCommand(CompleteBatchSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = batch.Select(p => p.InvitationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = batch.Select(p => p.ResponseId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, TypedValue = owners });
        command.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = items });
        command.Parameters.Add(new NpgsqlParameter<short?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint, TypedValue = likerts });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = choices });
        command.Parameters.Add(new NpgsqlParameter<decimal?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric, TypedValue = numbers });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = texts });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = dontKnows });
        command.Parameters.Add(new NpgsqlParameter<short> { NpgsqlDbType = NpgsqlDbType.Smallint, TypedValue = (short)(Interlocked.Increment(ref _shard) & 15) });

        var completed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            completed.Add(reader.GetGuid(0));
        }

        return completed;
    }

    private sealed record Pending(Guid InvitationId, Guid ResponseId, Answer[] Answers)
    {
        public TaskCompletionSource<bool> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
