using System.Security.Cryptography;
using Survey.Domain.Surveys;

namespace Survey.Web.Features.Respond;

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
public sealed class RespondService(ISurveyRepository surveys, TimeProvider clock)
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

    /// <summary>Creates an open link with a quota of devices; the token exists in clear only in the return value.</summary>
    public async Task<string> CreateOpenLinkAsync(string period, string region, int quota, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken)
    {
        var token = NewToken();
        await surveys.CreateOpenLinkAsync(period, region, Hash(token), quota, expiresAt, actorId, cancellationToken);
        return token;
    }

    /// <summary>Creates <paramref name="count"/> links; the tokens exist in clear only in the return value.</summary>
    public async Task<IReadOnlyList<string>> CreateInvitationsAsync(string period, string region, int count, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken)
    {
        var tokens = Enumerable.Range(0, count).Select(_ => NewToken()).ToList();
        await surveys.CreateInvitationsAsync(period, region, tokens.Select(Hash).ToList(), expiresAt, actorId, cancellationToken);
        return tokens;
    }
}
