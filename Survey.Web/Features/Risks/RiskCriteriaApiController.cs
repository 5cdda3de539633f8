using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Risks;
using Survey.Web.Features.Catalogue;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Risks;

/// <summary>The risk criteria as JSON for integrations (public, like the methodology).</summary>
public sealed class RiskCriteriaApiController(IRiskCriteriaRepository criteria) : ApiControllerBase
{
    /// <summary>One revision of the risk criteria: <c>v1</c> for its newest revision, <c>v1.2</c> for a given one.</summary>
    [HttpGet("api/v1/risk-criteria/{version}")]
    [ProducesResponseType<RiskCriteriaResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RiskCriteriaResponse>> Get(string version, CancellationToken cancellationToken)
    {
        var found = await criteria.GetAsync(version, cancellationToken);
        return found is null ? NotFound() : RiskCriteriaResponse.From(found);
    }
}

/// <summary>The risk criteria as the API answers them.</summary>
public sealed record RiskCriteriaResponse(
    string Version,
    int Revision,
    string ContentHash,
    TextResponse Title,
    TextResponse Source,
    IReadOnlyList<LevelResponse> LikelihoodLevels,
    IReadOnlyList<ImpactLevelResponse> ImpactLevels,
    IReadOnlyList<IReadOnlyList<int>> Matrix,
    IReadOnlyList<RiskBandResponse> Bands,
    int Appetite,
    IReadOnlyList<CodeNameResponse> Categories,
    IReadOnlyList<CodeNameResponse> ImpactAreas,
    TreatmentOptionsResponse TreatmentOptions)
{
    public static RiskCriteriaResponse From(StoredRiskCriteria stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var c = stored.Definition;
        return new RiskCriteriaResponse(
            stored.Version,
            stored.Revision,
            stored.ContentHash,
            TextResponse.From(c.Title),
            TextResponse.From(c.Source),
            c.LikelihoodLevels.Select(l => new LevelResponse(l.Level, TextResponse.From(l.Name), TextResponse.From(l.Criteria))).ToList(),
            c.ImpactLevels.Select(l => new ImpactLevelResponse(l.Level, TextResponse.From(l.Name), c.ImpactAreas.ToDictionary(a => a.Code, a => TextResponse.From(l.Criteria[a.Code])))).ToList(),
            c.Matrix,
            c.Bands.Select(b => new RiskBandResponse(b.Code, TextResponse.From(b.Name), b.Min, b.Max, b.Colour)).ToList(),
            c.Appetite,
            c.Categories.Select(CodeNameResponse.From).ToList(),
            c.ImpactAreas.Select(CodeNameResponse.From).ToList(),
            new TreatmentOptionsResponse(c.TreatmentOptions.Negative.Select(CodeNameResponse.From).ToList(), c.TreatmentOptions.Positive.Select(CodeNameResponse.From).ToList()));
    }
}

public sealed record LevelResponse(int Level, TextResponse Name, TextResponse Criteria);

/// <summary>An impact level; <c>criteria</c> holds one text per impact area code.</summary>
public sealed record ImpactLevelResponse(int Level, TextResponse Name, IReadOnlyDictionary<string, TextResponse> Criteria);

public sealed record RiskBandResponse(string Code, TextResponse Name, int Min, int Max, string Colour);

public sealed record CodeNameResponse(string Code, TextResponse Name)
{
    public static CodeNameResponse From(CodeName item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new CodeNameResponse(item.Code, TextResponse.From(item.Name));
    }
}

public sealed record TreatmentOptionsResponse(IReadOnlyList<CodeNameResponse> Negative, IReadOnlyList<CodeNameResponse> Positive);
