using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Methodology;
using Survey.Domain.Scoring;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Scores;

/// <summary>
/// Scores as JSON, unrounded (display rounds): every region of a period, and one region with every input.
/// Live scores are provisional and visible to the ministry; published ones to every signed-in user.
/// </summary>
public sealed class ScoresApiController(ScoreReader scores, IAuthorizationService authorization) : ApiControllerBase
{
    [HttpGet("api/v1/periods/{period}/scores")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Period(string period, [FromQuery] int? cohort, CancellationToken cancellationToken)
    {
        // The regions taking part (of one cohort with ?cohort=2017), ranked among themselves.
        var result = (await scores.GetNationalAsync(period, cohort, cancellationToken))?.Scores;
        if (result is null)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: $"Period {period} is unknown or not open yet.");
        }

        if (result.Provisional && !(await authorization.AuthorizeAsync(User, Policies.Ministry)).Succeeded)
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, title: "Provisional scores of every region are for the ministry until the period is published.");
        }

        return Ok(new
        {
            period = result.Period.Code,
            status = result.Period.Status.ToString().ToLowerInvariant(),
            methodology = result.Methodology.Label,
            provisional = result.Provisional,
            snapshot = Snapshot(result.Snapshot),
            regions = result.Ranked.Select(r => Summary(r.Score, r.Rank, result.Provisional, result.Methodology.Definition)),
        });
    }

    [HttpGet("api/v1/periods/{period}/regions/{region}/scores")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Region(string period, string region, CancellationToken cancellationToken)
    {
        var report = await scores.GetRegionAsync(period, region, cancellationToken);
        if (report is null)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: $"Period {period} or region {region} is unknown.");
        }

        var score = report.Score;
        var summary = Summary(score, report.Rank, report.Provisional, report.Methodology.Definition);
        return Ok(new
        {
            region = summary.Region,
            rank = summary.Rank,
            complete = summary.Complete,
            index = summary.Index,
            index_100 = summary.Index100,
            predicate = summary.Predicate,
            provisional = summary.Provisional,
            responses = summary.Responses,
            dimensions = summary.Dimensions,
            methodology = report.Methodology.Label,
            snapshot = Snapshot(report.Snapshot),
            indicators = score.Indicators.Select(i => new { key = i.Key, dimension = i.Dimension, value = i.Value, worst = i.Worst, best = i.Best, weight = i.Weight, score = i.Score }),
            programmes = score.Programmes.Select(p => new { id = p.Id, dimension = p.Dimension, name = p.Name, self_level = p.SelfLevel, verified_level = p.VerifiedLevel, level = p.EffectiveLevel, score = p.Score }),
            items = score.Items.Select(i => new { item = i.Item, dimension = i.Dimension, mean = i.Mean, count = i.Count, score = i.Score }),
            what_if = report.WhatIfs.Take(20).Select(w => new
            {
                kind = w.Kind.ToString().ToLowerInvariant(),
                key = w.Key,
                dimension = w.Dimension,
                from = w.From,
                to = w.To,
                dimension_gain = w.DimensionGain,
                index_gain = w.IndexGain,
            }),
            previous = report.Previous is { } previous ? new
            {
                period = report.Period.PreviousCode,
                index = previous.Index,
                complete = previous.Complete,
                dimensions = previous.Dimensions.Select(d => new { dimension = d.Dimension, score = d.Score, change = d.Score is { } before && score.Dimension(d.Dimension)?.Score is { } now ? now - before : (decimal?)null }),
            } : null,
            medians = new
            {
                national = Medians(report.National),
                same_kind = Medians(report.SameKind),
                same_province = Medians(report.SameProvince),
            },
        });
    }

    private static object? Snapshot(ScoreSnapshot? snapshot) => snapshot is null ? null : new
    {
        version = snapshot.Version,
        content_hash = snapshot.ContentHash,
        created_at = snapshot.CreatedAt,
    };

    private static object Medians(GroupMedians medians) => new
    {
        regions = medians.Regions,
        index = medians.Index,
        dimensions = medians.Dimensions.Select(d => new { dimension = d.Key, score = d.Value }),
    };

    private static RegionSummary Summary(RegionScore score, int? rank, bool provisional, ScoringMethodology methodology) => new(
        score.Region,
        rank,
        score.Complete,
        score.Index,
        score.Index100,
        score.Predicate?.Name.Id,
        provisional,
        score.Responses,
        score.Dimensions.Select(d => new DimensionSummary(d.Dimension, d.Score, d.Indicators, d.Programmes, d.Perception, d.Coverage,
            methodology.ComponentWeights.Indicators, methodology.ComponentWeights.Programmes, methodology.ComponentWeights.Perception)).ToList());

    private sealed record RegionSummary(string Region, int? Rank, bool Complete, decimal? Index, [property: JsonPropertyName("index_100")] decimal? Index100, string? Predicate, bool Provisional, int Responses, IReadOnlyList<DimensionSummary> Dimensions);

    private sealed record DimensionSummary(string Dimension, decimal? Score, decimal? Indicators, decimal? Programmes, decimal? Perception, decimal Coverage, decimal WeightIndicators, decimal WeightProgrammes, decimal WeightPerception);
}
