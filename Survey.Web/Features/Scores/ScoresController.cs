using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Scores;

/// <summary>The score pages: one region explained down to every input, and the national ranking.</summary>
public sealed class ScoresController(ScoreReader scores, ICatalogueRepository catalogues, ISurveyRepository surveys, IAuthorizationService authorization) : Controller
{
    [HttpGet("/periods/{period}/regions/{region}/scores")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Region(string period, string region, CancellationToken cancellationToken)
    {
        var report = await scores.GetRegionAsync(period, region, cancellationToken);
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        if (report is null || catalogue is null)
        {
            return NotFound();
        }

        var questionnaire = await surveys.GetQuestionnaireAsync(period, cancellationToken);
        return View(new RegionScoreViewModel(report, catalogue, questionnaire));
    }

    [HttpGet("/periods/{period}/scores")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> National(string period, [FromQuery] int? cohort, CancellationToken cancellationToken)
    {
        if (await scores.GetNationalAsync(period, cohort, cancellationToken) is not var (result, regionList))
        {
            return NotFound();
        }

        if (result.Provisional && !(await authorization.AuthorizeAsync(User, Policies.Ministry)).Succeeded)
        {
            return Forbid();
        }

        return View(new NationalScoreViewModel(result, regionList)
        {
            Cohort = cohort,
            Cohorts = regionList.Values.Where(r => r.CohortYear is not null).Select(r => r.CohortYear!.Value).Distinct().Order().ToList(),
        });
    }
}

public sealed record RegionScoreViewModel(RegionScoreReport Report, IndicatorCatalogue Catalogue, Questionnaire? Questionnaire);

public sealed record NationalScoreViewModel(PeriodScores Scores, IReadOnlyDictionary<string, Region> Regions)
{
    /// <summary>The cohort shown (all when <c>null</c>).</summary>
    public int? Cohort { get; init; }

    /// <summary>The cohorts of the registry, for the filter.</summary>
    public IReadOnlyList<int> Cohorts { get; init; } = [];
}
