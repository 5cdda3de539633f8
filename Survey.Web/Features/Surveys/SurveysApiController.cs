using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Surveys;

/// <summary>Invitations, the questionnaire, anonymous responses and their statistics for integrations.</summary>
public sealed class SurveysApiController(InvitationsHandler respond, CompleteResponseHandler complete, ISurveyRepository surveys, IPeriodRepository periods, ICatalogueRepository catalogues, RespondentThrottle throttle) : ApiControllerBase
{
    [HttpPost("api/v1/periods/{period}/regions/{region}/invitations")]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    public async Task<IActionResult> Invite(string period, string region, [FromBody] InviteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = await periods.FindAsync(period, cancellationToken);
        if (p is null)
        {
            return NotFound();
        }

        if (request.OpenQuota is { } quota)
        {
            if (quota is < 1 or > 100_000 || p.Status != PeriodStatus.Open)
            {
                return Unprocessable(new Dictionary<string, string[]> { ["open_quota"] = ["open_quota must lie between 1 and 100000, in an open period"] });
            }

            if (await respond.CreateOpenLinkAsync(new Scope(period, region), quota, SurveyClaims.IdOf(User)!.Value, cancellationToken) is not { } open)
            {
                return Problem(statusCode: StatusCodes.Status409Conflict, title: $"Period {period} is not open.");
            }

            return StatusCode(StatusCodes.Status201Created, new { links = new[] { $"{PublicOrigin.Of(HttpContext)}/s/{open.Token}" }, quota });
        }

        if (request.Count is < 1 or > SurveysController.MaxBatch)
        {
            return Unprocessable(new Dictionary<string, string[]> { ["count"] = [$"count must lie between 1 and {SurveysController.MaxBatch}"] });
        }

        if (p.Status != PeriodStatus.Open)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: $"Period {period} is not open.");
        }

        if (await respond.CreateInvitationsAsync(new Scope(period, region), request.Count, SurveyClaims.IdOf(User)!.Value, cancellationToken) is not { } created)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: $"Period {period} is not open.");
        }

        var origin = PublicOrigin.Of(HttpContext);
        return StatusCode(StatusCodes.Status201Created, new { links = created.Tokens.Select(t => $"{origin}/s/{t}").ToList() });
    }

    [HttpGet("api/v1/periods/{period}/questionnaire")]
    [AllowAnonymous]
    public async Task<IActionResult> Questionnaire(string period, CancellationToken cancellationToken)
    {
        var questionnaire = await surveys.GetQuestionnaireAsync(period, cancellationToken);
        return questionnaire is null ? NotFound() : Ok(questionnaire);
    }

    /// <summary>Submits one complete response: 201, 404 unknown token, 409 already used, 410 expired or closed, 422 per item.</summary>
    [HttpPost("api/v1/responses")]
    [AllowAnonymous]
    public async Task<IActionResult> Respond([FromBody] ResponseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (state, invitation, questionnaire) = await respond.ResolveAsync(request.Token, cancellationToken);
        // Unknown tokens count against the address (guessing), a real token (valid or used) against itself.
        if (state == TokenState.Unknown ? !throttle.AllowFailure(HttpContext)
            : state is TokenState.Valid or TokenState.Used && !throttle.AllowToken(InvitationsHandler.Hash(request.Token!)))
        {
            Response.Headers.RetryAfter = "60";
            return Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: "Wait a minute before trying again.");
        }
        switch (state)
        {
            case TokenState.Unknown:
                return Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown token.");
            case TokenState.Used:
                return Problem(statusCode: StatusCodes.Status409Conflict, title: "This token was already used.");
            case TokenState.Expired or TokenState.Closed:
                return Problem(statusCode: StatusCodes.Status410Gone, title: "This token is expired or its survey is closed.");
        }

        if (invitation!.Kind == "open")
        {
            return Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This is an open campaign link.",
                detail: "An open link hands each device its own single-use link when opened in a browser (GET /s/{token}); it cannot be answered itself.");
        }

        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var answer in request.Answers ?? [])
        {
            if (answer.Item is null || questionnaire!.Find(answer.Item) is null)
            {
                errors[answer.Item ?? "item"] = ["unknown item"];
                continue;
            }

            if (raw.ContainsKey(answer.Item))
            {
                // Two answers to one item: which one the respondent meant is unknown, so neither is kept.
                errors[answer.Item] = ["answered more than once"];
                continue;
            }

            raw[answer.Item] = answer.Value.ValueKind switch
            {
                JsonValueKind.Number => answer.Value.GetRawText(),
                JsonValueKind.String => answer.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => "\u0000invalid",
            };
        }

        if (errors.Count > 0)
        {
            // Unknown or repeated items are reported with the answers' own errors.
            foreach (var (item, message) in Answers.Read(questionnaire!.Items, raw, new Dictionary<string, Answer>(), requireAll: true).Errors)
            {
                errors[item] = [message];
            }

            return Unprocessable(errors);
        }

        var outcome = await complete.CompleteAsync(invitation, questionnaire!, raw, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return Unprocessable(outcome.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        return outcome.Completed
            ? StatusCode(StatusCodes.Status201Created, new { status = "completed" })
            : Problem(statusCode: StatusCodes.Status409Conflict, title: "This token was already used.");
    }

    [HttpGet("api/v1/periods/{period}/regions/{region}/responses/summary")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Summary(string period, string region, CancellationToken cancellationToken)
    {
        var p = await periods.FindAsync(period, cancellationToken);
        if (p is null)
        {
            return NotFound();
        }

        var summary = await SurveySummary.BuildAsync(surveys, catalogues, p, region, cancellationToken);
        var counts = await surveys.CountInvitationsAsync(new Scope(period, region), cancellationToken);
        return Ok(new
        {
            responses = summary.Responses,
            minimum_respondents = summary.MinimumRespondents,
            invitations = new { unused = counts.Unused, started = counts.Started, completed = counts.Completed },
            items = summary.Items.Select(x => new
            {
                item = x.Item.Code,
                dimension = x.Item.Dimension,
                distribution = x.Stats?.Distribution ?? [0, 0, 0, 0, 0],
                dont_know = x.Stats?.DontKnow ?? 0,
                count = x.Stats?.Count ?? 0,
                mean = x.Stats?.Mean,
            }),
            dimensions = summary.Items.GroupBy(x => x.Item.Dimension).Select(g => new
            {
                dimension = g.Key,
                complete_responses = summary.Responses,
                meets_minimum = summary.Responses >= summary.MinimumRespondents,
            }),
            profile = summary.Profiles.Select(x => new { item = x.Item.Code, groups = x.Groups.Select(g => new { label = g.Label, count = g.Count }) }),
        });
    }
}

public sealed record InviteRequest(int Count, int? OpenQuota = null);

public sealed record ResponseAnswer(string? Item, JsonElement Value);

public sealed record ResponseRequest(string? Token, IReadOnlyList<ResponseAnswer>? Answers);
