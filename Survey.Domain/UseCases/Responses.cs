using System.Security.Cryptography;
using Survey.Domain.Common;
using Survey.Domain.Surveys;

namespace Survey.Domain.UseCases;

/// <summary>What a token leads to.</summary>
public enum TokenState
{
    Valid,
    Unknown,
    Used,
    Expired,
    Closed,
}

/// <summary>Tokens, invitations and the life of one response, for the form and the API.</summary>
public sealed class InvitationsHandler(ISurveyRepository surveys, Periods.IPeriodRepository periods, TimeProvider clock)
{
    /// <summary>A new token: 128 random bits, URL-safe.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The invitation, questionnaire and state of a token.</summary>
    public async Task<(TokenState State, Invitation? Invitation, Questionnaire? Questionnaire)> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length is < 20 or > 64)
        {
            return (TokenState.Unknown, null, null);
        }

        var invitation = await surveys.FindInvitationAsync(Hash(token), cancellationToken);
        if (invitation is null)
        {
            return (TokenState.Unknown, null, null);
        }

        if (invitation.Status == "completed")
        {
            return (TokenState.Used, invitation, null);
        }

        if (invitation.ExpiresAt <= clock.GetUtcNow())
        {
            return (TokenState.Expired, invitation, null);
        }

        if (!invitation.PeriodOpen)
        {
            return (TokenState.Closed, invitation, null);
        }

        var questionnaire = await surveys.GetQuestionnaireAsync(invitation.Period, cancellationToken);
        return questionnaire is null ? (TokenState.Closed, invitation, null) : (TokenState.Valid, invitation, questionnaire);
    }

    /// <summary>
    /// When a link of the scope expires: the end (23.59) of the period's last entry day in the region's own time
    /// zone (WIB, WITA or WIT), so that a link is valid as long as the region's entry is open.
    /// </summary>
    public static DateTimeOffset ExpiryOf(Periods.Period period, Scope scope)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Regions.RegionTime.Of(scope.Region).EndOf(period.EntryCloses);
    }

    /// <summary>
    /// Creates an open link with a quota of devices; the token exists in clear only in the return value.
    /// <c>null</c> when the period is not open.
    /// </summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)?> CreateOpenLinkAsync(Scope scope, int quota, Guid actorId, CancellationToken cancellationToken)
    {
        if (await OpenPeriodAsync(scope, cancellationToken) is not { } period)
        {
            return null;
        }

        var token = NewToken();
        var expiresAt = ExpiryOf(period, scope);
        await surveys.CreateOpenLinkAsync(scope, Hash(token), quota, expiresAt, actorId, cancellationToken);
        return (token, expiresAt);
    }

    /// <summary>
    /// Creates <paramref name="count"/> links; the tokens exist in clear only in the return value. <c>null</c> when
    /// the period is not open.
    /// </summary>
    public async Task<(IReadOnlyList<string> Tokens, DateTimeOffset ExpiresAt)?> CreateInvitationsAsync(Scope scope, int count, Guid actorId, CancellationToken cancellationToken)
    {
        if (await OpenPeriodAsync(scope, cancellationToken) is not { } period)
        {
            return null;
        }

        var tokens = Enumerable.Range(0, count).Select(_ => NewToken()).ToList();
        var expiresAt = ExpiryOf(period, scope);
        await surveys.CreateInvitationsAsync(scope, tokens.Select(Hash).ToList(), expiresAt, actorId, cancellationToken);
        return (tokens, expiresAt);
    }

    private async Task<Periods.Period?> OpenPeriodAsync(Scope scope, CancellationToken cancellationToken) =>
        await periods.FindAsync(scope.Period, cancellationToken) is { Status: Periods.PeriodStatus.Open } period ? period : null;
}

/// <summary>What completing a response did: the errors per item (nothing stored), or whether it was stored.</summary>
public sealed record CompletionOutcome(IReadOnlyDictionary<string, string> Errors, bool Completed);

/// <summary>Completing one response, for the respondent's form and the API alike: every item checked, then stored once.</summary>
public sealed class CompleteResponseHandler(ISurveyRepository surveys)
{
    /// <summary>
    /// Reads every answer of <paramref name="raw"/> against the questionnaire (all required items answered) and
    /// stores the response; <c>Completed</c> is false when the token was used meanwhile.
    /// </summary>
    public async Task<CompletionOutcome> CompleteAsync(Invitation invitation, Questionnaire questionnaire, IReadOnlyDictionary<string, string?> raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(questionnaire);
        var (answers, errors) = Answers.Read(questionnaire.Items, raw, new Dictionary<string, Answer>(), requireAll: true);
        if (errors.Count > 0)
        {
            return new CompletionOutcome(errors, false);
        }

        return new CompletionOutcome(errors, await surveys.CompleteAsync(invitation.Id, answers.Values.ToList(), cancellationToken));
    }
}
