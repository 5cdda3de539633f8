namespace Survey.Domain.Platform;

/// <summary>Which failures mean "the database cannot be reached right now" (a 503 with a retry, not a 500).</summary>
public interface IDatabaseFaults
{
    bool IsUnavailable(Exception? exception);
}

/// <summary>
/// The floor of the submission benchmark: the single INSERT of a response row and nothing else, served beside
/// <c>POST /api/v1/responses</c> only when a benchmark turns it on.
/// </summary>
public interface IBenchmarkFloor
{
    Task InsertBareResponseAsync(Common.Scope scope, CancellationToken cancellationToken);
}
