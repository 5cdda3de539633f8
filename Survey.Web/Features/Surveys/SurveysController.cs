using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Surveys;

/// <summary>Invitation links and response statistics for coordinators and evaluators.</summary>
[Route("periods/{period}/regions/{region}/survey")]
public sealed class SurveysController(InvitationsHandler respond, ISurveyRepository surveys, IPeriodRepository periods, IRegionRepository regions, ICatalogueRepository catalogues, IAuthorizationService authorization) : Controller
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
        return View(new SurveyPageViewModel(p, r, await surveys.CountInvitationsAsync(new Scope(period, region), cancellationToken), summary, canWrite));
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

        if (await respond.CreateInvitationsAsync(new Scope(period, region), count, SurveyClaims.IdOf(User)!.Value, cancellationToken) is not { } created)
        {
            return BadRequest();
        }

        var (tokens, expiresAt) = created;
        // The expiry as the region's wall clock shows it (its own zone), named in the column header.
        var zone = Survey.Domain.Regions.RegionTime.Of(region);
        var expires = zone.Local(expiresAt);
        var origin = PublicOrigin.Of(HttpContext);
        var regionName = (await regions.FindAsync(region, cancellationToken))?.Name ?? region;
        Response.Headers.CacheControl = "no-store";
        var baseName = UiText.Get("File.Invitations", region, period);
        if (format == "xlsx")
        {
            // At most 1 000 short rows: written to memory, then sent. Each row says where and until when its link holds,
            // so that a printed or forwarded page still tells the respondent's region, the period and the expiry.
            using var buffer = new MemoryStream();
            await using (var spreadsheet = await SpreadCheetah.Spreadsheet.CreateNewAsync(buffer, cancellationToken: cancellationToken))
            {
                var options = new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 };
                foreach (var (column, width) in new[] { (1, 6d), (2, 70d), (3, 12d), (4, 28d), (5, 18d), (6, 22d) })
                {
                    options.Column(column).Width = width;
                }

                await spreadsheet.StartWorksheetAsync(UiText.Get("Surveys.LinksSheet"), options, cancellationToken);
                var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
                var moment = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = SpreadCheetah.Styling.NumberFormat.Custom("yyyy-mm-dd hh:mm") });
                await spreadsheet.AddRowAsync(new[] { "No", UiText.Get("Surveys.LinkColumn"), UiText.Get("Catalogue.Code"), UiText.Get("Scores.Region"), UiText.Get("Periods.Period"), UiText.Get("Surveys.ExpiresColumn", zone.Name) }
                    .Select(h => new SpreadCheetah.StyledCell(h, bold)).ToArray(), cancellationToken);
                for (var i = 0; i < tokens.Count; i++)
                {
                    await spreadsheet.AddRowAsync(
                        [
                            new SpreadCheetah.Cell(i + 1), new SpreadCheetah.Cell($"{origin}/s/{tokens[i]}"), new SpreadCheetah.Cell(region), new SpreadCheetah.Cell(regionName),
                            new SpreadCheetah.Cell(PeriodCodes.DisplayName(period)), new SpreadCheetah.Cell(expires.DateTime, moment),
                        ], cancellationToken);
                }

                await spreadsheet.FinishAsync(cancellationToken);
            }

            return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", baseName + ".xlsx");
        }

        var csv = new StringBuilder("no,link,region,region_name,period,expires_at\n");
        var expiry = expires.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
        for (var i = 0; i < tokens.Count; i++)
        {
            csv.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(origin).Append("/s/").Append(tokens[i])
                .Append(',').Append(region).Append(',').Append(Csv.Cell(regionName)).Append(',').Append(period).Append(',').Append(expiry).Append('\n');
        }

        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", baseName + ".csv");
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
        var responses = await surveys.CountResponsesAsync(new Scope(period.Code, region), cancellationToken);
        if (questionnaire is null)
        {
            return new SurveySummary(responses, methodology?.Definition.MinimumRespondents ?? 0, [], []);
        }

        var stats = (await surveys.ItemStatisticsAsync(new Scope(period.Code, region), cancellationToken)).ToDictionary(s => s.Item);
        var items = questionnaire.Items.Where(i => i.Type == ItemTypes.Likert).Select(i => (i, stats.GetValueOrDefault(i.Code))).ToList();
        var profiles = new List<(QuestionItem, IReadOnlyList<(string, int?)>)>();
        foreach (var item in questionnaire.Items.Where(i => i.Type == ItemTypes.SingleChoice))
        {
            var counts = await surveys.ChoiceCountsAsync(new Scope(period.Code, region), item.Code, cancellationToken);
            profiles.Add((item, item.Options.Select(o => (o.Label.ToString(), counts.TryGetValue(o.Code, out var n) && n >= SmallestGroup ? (int?)n : null)).ToList()));
        }

        return new SurveySummary(responses, methodology?.Definition.MinimumRespondents ?? 0, items, profiles);
    }
}
