using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Respond;

/// <summary>
/// The respondent's form at <c>/s/{token}</c>: no account, consent first, short pages with progress, save and
/// resume on the same link, works without JavaScript.
/// </summary>
[AllowAnonymous]
public sealed class RespondController(InvitationsHandler service, CompleteResponseHandler complete, ISurveyRepository surveys, RespondentThrottle throttle, Survey.Domain.Regions.IRegionRepository regions) : Controller
{
    [HttpGet("/s/{token}")]
    public async Task<IActionResult> Show(string token, CancellationToken cancellationToken)
    {
        var (state, invitation, questionnaire) = await service.ResolveAsync(token, cancellationToken);
        if (Throttled(state, token) is { } throttled)
        {
            return throttled;
        }

        if (state != TokenState.Valid)
        {
            return Unavailable(state);
        }

        if (invitation!.Kind == "open")
        {
            return await OpenLinkAsync(invitation, cancellationToken);
        }

        var draft = await surveys.GetDraftAsync(invitation!.Id, cancellationToken) ?? new ResponseDraft(0, []);
        var model = RespondViewModel.For(token, questionnaire!, draft.Page, draft.Answers.ToDictionary(a => a.Item), new Dictionary<string, string>(), null);
        if (model.Page == 0)
        {
            // The consent page says whose survey this is, how long it is and about how long it takes.
            model = model with { RegionName = (await regions.FindAsync(invitation.Region, cancellationToken))?.Name };
        }

        return View("Page", model);
    }

    [HttpPost("/s/{token}")]
    public async Task<IActionResult> Answer(string token, [FromForm] int page, [FromForm] string? action, CancellationToken cancellationToken)
    {
        var (state, invitation, questionnaire) = await service.ResolveAsync(token, cancellationToken);
        if (Throttled(state, token) is { } throttled)
        {
            return throttled;
        }

        if (state != TokenState.Valid)
        {
            return Unavailable(state);
        }

        if (invitation!.Kind == "open")
        {
            // An open link is never answered: a post to it goes where a visit goes, to this device's own link.
            return Redirect($"/s/{token}");
        }

        var draft = await surveys.GetDraftAsync(invitation.Id, cancellationToken) ?? new ResponseDraft(0, []);
        var earlier = draft.Answers.ToDictionary(a => a.Item);
        if (page <= 0 || page > questionnaire!.Pages.Count)
        {
            // The consent page: agreeing starts the survey.
            await surveys.SaveDraftAsync(invitation.Id, new ResponseDraft(1, draft.Answers), cancellationToken);
            return Redirect($"/s/{token}");
        }

        var items = questionnaire.Pages[page - 1].Items;
        var raw = items.ToDictionary(i => i.Code, i => (string?)Request.Form["q:" + i.Code].ToString(), StringComparer.Ordinal);
        var moving = action != "back";
        var (answers, errors) = Answers.Read(items, raw, earlier, requireAll: moving);
        if (moving && errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Page", RespondViewModel.For(token, questionnaire, page, answers, errors, raw));
        }

        var kept = answers.Values.ToList();
        if (moving && page == questionnaire.Pages.Count)
        {
            var all = await complete.CompleteAsync(invitation, questionnaire, questionnaire.Items.ToDictionary(i => i.Code, i => Raw(answers.GetValueOrDefault(i.Code))), cancellationToken);
            if (all.Errors.Count > 0)
            {
                // An earlier page lacks an answer: the respondent is taken back there, nothing is lost.
                var first = questionnaire.Pages.Select((p, i) => (p, i)).First(x => x.p.Items.Any(item => all.Errors.ContainsKey(item.Code))).i + 1;
                await surveys.SaveDraftAsync(invitation.Id, new ResponseDraft(first, kept), cancellationToken);
                return Redirect($"/s/{token}");
            }

            return all.Completed ? Redirect("/s/thanks") : Unavailable(TokenState.Used);
        }

        await surveys.SaveDraftAsync(invitation.Id, new ResponseDraft(moving ? page + 1 : Math.Max(1, page - 1), kept), cancellationToken);
        return Redirect($"/s/{token}");
    }

    /// <summary>
    /// An open link hands each device its own single-use link (kept in a cookie), within the quota: the same
    /// device comes back to its own response, and cannot answer twice.
    /// </summary>
    private async Task<IActionResult> OpenLinkAsync(Invitation open, CancellationToken cancellationToken)
    {
        var cookie = "survey.o." + open.Id.ToString("N")[..12];
        if (Request.Cookies.TryGetValue(cookie, out var mine) && mine.Length is > 20 and < 64)
        {
            return Redirect($"/s/{mine}");
        }

        if (!throttle.AllowOpenLinkIssue(HttpContext))
        {
            return TooMany();
        }

        var token = InvitationsHandler.NewToken();
        if (!await surveys.IssueFromOpenLinkAsync(open.Id, InvitationsHandler.Hash(token), cancellationToken))
        {
            return Unavailable(TokenState.Closed);
        }

        Response.Cookies.Append(cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(180), IsEssential = true });
        return Redirect($"/s/{token}");
    }

    [HttpGet("/s/thanks")]
    public IActionResult Thanks() => View();

    /// <summary>
    /// Unknown tokens count against the client's address (guessing); a real token, valid or used, counts against
    /// itself (a used link opened again by its respondent, a double tap), so honest respondents behind one address
    /// are never throttled together.
    /// </summary>
    private StatusCodeResult? Throttled(TokenState state, string token)
    {
        var allowed = state switch
        {
            TokenState.Unknown => throttle.AllowFailure(HttpContext),
            TokenState.Valid or TokenState.Used => throttle.AllowToken(InvitationsHandler.Hash(token)),
            _ => true,
        };
        return allowed ? null : TooMany();
    }

    private StatusCodeResult TooMany()
    {
        Response.Headers.RetryAfter = "60";
        return StatusCode(StatusCodes.Status429TooManyRequests);
    }

    private ViewResult Unavailable(TokenState state)
    {
        Response.StatusCode = state == TokenState.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return View("Unavailable", state);
    }

    internal static string? Raw(Answer? answer) => answer switch
    {
        null => null,
        { DontKnow: true } => Answers.DontKnow,
        { Likert: { } l } => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Choice: { } c } => c,
        { Number: { } n } => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => answer.Text,
    };
}

public sealed record RespondViewModel(string Token, Questionnaire Questionnaire, int Page, IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>Seconds a respondent takes per question on a phone, for the time the consent page announces.</summary>
    public const int SecondsPerQuestion = 15;

    /// <summary>The name of the region the survey is for (shown on the consent page).</summary>
    public string? RegionName { get; init; }

    /// <summary>About how many minutes the whole survey takes.</summary>
    public int Minutes => Math.Max(1, (int)Math.Ceiling(Questionnaire.Items.Count() * SecondsPerQuestion / 60.0));

    public static RespondViewModel For(string token, Questionnaire questionnaire, int page, IReadOnlyDictionary<string, Answer> answers, IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string?>? typed)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        var values = questionnaire.Items.ToDictionary(i => i.Code, i => typed is not null && typed.TryGetValue(i.Code, out var t) ? t : RespondController.Raw(answers.GetValueOrDefault(i.Code)));
        return new RespondViewModel(token, questionnaire, Math.Clamp(page, 0, questionnaire.Pages.Count), values, errors);
    }
}
