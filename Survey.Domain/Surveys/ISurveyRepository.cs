using Survey.Domain.Common;
namespace Survey.Domain.Surveys;

/// <summary>An invitation link as stored (only the hash of its token is kept), and whether its period is open.</summary>
public sealed record Invitation(Guid Id, string Period, string Region, string Status, DateTimeOffset ExpiresAt, string Kind = "single", bool PeriodOpen = true);

/// <summary>How many links of a region and period were not used, started and completed.</summary>
public sealed record InvitationCounts(int Unused, int Started, int Completed)
{
    public int Total => Unused + Started + Completed;
}

/// <summary>A respondent's unfinished answers and the page they are on.</summary>
public sealed record ResponseDraft(int Page, IReadOnlyList<Answer> Answers);

/// <summary>Per Likert item: answers 1-5, "don't know" count, mean of 1-5 answers.</summary>
public sealed record ItemStatistics(string Item, IReadOnlyList<int> Distribution, int DontKnow, int Count, decimal? Mean);

/// <summary>Invitations, drafts and anonymous responses.</summary>
public interface ISurveyRepository
{
    /// <summary>The questionnaire fixed for <paramref name="period"/> (when it opened), or <c>null</c>.</summary>
    Task<Questionnaire?> GetQuestionnaireAsync(string period, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="tokenHashes"/>.Count invitations in one statement.</summary>
    Task CreateInvitationsAsync(Scope scope, IReadOnlyList<string> tokenHashes, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken);

    Task<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Creates an open link with a quota of devices.</summary>
    Task CreateOpenLinkAsync(Scope scope, string tokenHash, int quota, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Issues a single-use link for one device from an open link, counting against its quota in the database;
    /// <c>false</c> when the quota is used up.
    /// </summary>
    Task<bool> IssueFromOpenLinkAsync(Guid openLinkId, string childTokenHash, CancellationToken cancellationToken);

    Task<InvitationCounts> CountInvitationsAsync(Scope scope, CancellationToken cancellationToken);

    Task<ResponseDraft?> GetDraftAsync(Guid invitationId, CancellationToken cancellationToken);

    /// <summary>Keeps partial answers and marks the invitation started (unless completed).</summary>
    Task SaveDraftAsync(Guid invitationId, ResponseDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the invitation completed and stores the answers as a response of the invitation's period and
    /// region without any link to it, in one transaction. The database lets an invitation complete once, while
    /// unexpired and its period open: <c>false</c> otherwise.
    /// </summary>
    Task<bool> CompleteAsync(Guid invitationId, IReadOnlyList<Answer> answers, CancellationToken cancellationToken);

    /// <summary>Complete responses of the region in the period.</summary>
    Task<int> CountResponsesAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Statistics per Likert item, computed in SQL.</summary>
    Task<IReadOnlyList<ItemStatistics>> ItemStatisticsAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Counts per option of a single-choice item.</summary>
    Task<IReadOnlyDictionary<string, int>> ChoiceCountsAsync(Scope scope, string item, CancellationToken cancellationToken);
}
