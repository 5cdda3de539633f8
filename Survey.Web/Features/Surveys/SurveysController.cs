using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;
using Survey.Web.Features.Respond;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Surveys;

/// <summary>Invitation links and response statistics for coordinators and evaluators.</summary>
[Route("periods/{period}/regions/{region}/survey")]
public sealed class SurveysController(RespondService respond, ISurveyRepository surveys, IPeriodRepository periods, IRegionRepository regions, ICatalogueRepository catalogues, IAuthorizationService authorization) : Controller
{
    public const int MaxBatch = 1000;

    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, CancellationToken cancellationToken)
    {
        var p = await periods.FindAsync(period, cancellationToken);
        var r = await regions.FindAsync(region, cancellationToken);
        if (p is null || r is null)
        {
            return NotFound();
        }

        var summary = await SurveySummary.BuildAsync(surveys, catalogues, p, region, cancellationToken);
        var canWrite = p.Status == PeriodStatus.Open && (await authorization.AuthorizeAsync(User, null, Policies.RegionWrite)).Succeeded;
        return View(new SurveyPageViewModel(p, r, await surveys.CountInvitationsAsync(period, region, cancellationToken), summary, canWrite));
    }

    /// <summary>Creates a batch of links and hands them out once as CSV (only their hashes are kept).</summary>
    [HttpPost("invitations")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Create(string period, string region, [FromForm] int count, [FromForm] string? format, CancellationToken cancellationToken)
    {
        var p = await periods.FindAsync(period, cancellationToken);
        if (p is null || p.Status != PeriodStatus.Open || count is < 1 or > MaxBatch)
        {
            return p is null ? NotFound() : BadRequest();
        }

        var tokens = await respond.CreateInvitationsAsync(period, region, count, new DateTimeOffset(p.EntryCloses.ToDateTime(new TimeOnly(23, 59)), TimeSpan.FromHours(7)), SurveyClaims.IdOf(User)!.Value, cancellationToken);
        var origin = PublicOrigin.Of(HttpContext);
        Response.Headers.CacheControl = "no-store";
        if (format == "xlsx")
        {
            // At most 1 000 short rows: written to memory, then sent.
            using var buffer = new MemoryStream();
            await using (var spreadsheet = await SpreadCheetah.Spreadsheet.CreateNewAsync(buffer, cancellationToken: cancellationToken))
            {
                await spreadsheet.StartWorksheetAsync("Tautan", token: cancellationToken);
                await spreadsheet.AddRowAsync([new SpreadCheetah.Cell("No"), new SpreadCheetah.Cell("Tautan survei")], cancellationToken);
                for (var i = 0; i < tokens.Count; i++)
                {
                    await spreadsheet.AddRowAsync([new SpreadCheetah.Cell(i + 1), new SpreadCheetah.Cell($"{origin}/s/{tokens[i]}")], cancellationToken);
                }

                await spreadsheet.FinishAsync(cancellationToken);
            }

            return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"tautan-survei-{region}-{period}.xlsx");
        }

        var csv = new StringBuilder("no,link\n");
        for (var i = 0; i < tokens.Count; i++)
        {
            csv.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(origin).Append("/s/").Append(tokens[i]).Append('\n');
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"tautan-survei-{region}-{period}.csv");
    }
}

public sealed record SurveyPageViewModel(Period Period, Region Region, InvitationCounts Counts, SurveySummary Summary, bool CanWrite);

/// <summary>Per item, per dimension and per profile group; groups under five respondents are hidden.</summary>
public sealed record SurveySummary(int Responses, int MinimumRespondents, IReadOnlyList<(QuestionItem Item, ItemStatistics? Stats)> Items, IReadOnlyList<(QuestionItem Item, IReadOnlyList<(string Label, int? Count)> Groups)> Profiles)
{
    public const int SmallestGroup = 5;

    public static async Task<SurveySummary> BuildAsync(ISurveyRepository surveys, ICatalogueRepository catalogues, Period period, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        ArgumentNullException.ThrowIfNull(catalogues);
        ArgumentNullException.ThrowIfNull(period);
        var questionnaire = await surveys.GetQuestionnaireAsync(period.Code, cancellationToken);
        var methodology = period.MethodologyLabel is null ? null : await catalogues.GetMethodologyAsync(period.MethodologyLabel, cancellationToken);
        var responses = await surveys.CountResponsesAsync(period.Code, region, cancellationToken);
        if (questionnaire is null)
        {
            return new SurveySummary(responses, methodology?.Definition.MinimumRespondents ?? 0, [], []);
        }

        var stats = (await surveys.ItemStatisticsAsync(period.Code, region, cancellationToken)).ToDictionary(s => s.Item);
        var items = questionnaire.Items.Where(i => i.Type == ItemTypes.Likert).Select(i => (i, stats.GetValueOrDefault(i.Code))).ToList();
        var profiles = new List<(QuestionItem, IReadOnlyList<(string, int?)>)>();
        foreach (var item in questionnaire.Items.Where(i => i.Type == ItemTypes.SingleChoice))
        {
            var counts = await surveys.ChoiceCountsAsync(period.Code, region, item.Code, cancellationToken);
            profiles.Add((item, item.Options.Select(o => (o.Label.ToString(), counts.TryGetValue(o.Code, out var n) && n >= SmallestGroup ? (int?)n : null)).ToList()));
        }

        return new SurveySummary(responses, methodology?.Definition.MinimumRespondents ?? 0, items, profiles);
    }
}
