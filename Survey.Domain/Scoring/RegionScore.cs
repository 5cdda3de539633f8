using Survey.Domain.Methodology;

namespace Survey.Domain.Scoring;

/// <summary>
/// The score of one region in one period with every intermediate number, unrounded. <see cref="Complete"/>
/// is true only when all dimensions have a score; an incomplete result still has an index over the
/// dimensions it has, and is never ranked among complete ones without saying so.
/// </summary>
/// <param name="Region">The region code.</param>
/// <param name="Complete">All dimensions are available.</param>
/// <param name="Index">The index on the 1-5 scale, <c>1 + 4 * Index100 / 100</c>.</param>
/// <param name="Index100">The mean of the available dimension scores (0-100).</param>
/// <param name="Predicate">The predicate band of <see cref="Index"/>.</param>
/// <param name="Responses">Complete responses counted.</param>
/// <param name="Dimensions">One entry per dimension of the methodology, in its order.</param>
/// <param name="Indicators">Every indicator that had a value, with its score.</param>
/// <param name="Programmes">Every programme with its score.</param>
/// <param name="Items">Every Likert item of the questionnaire that had answers, with its mean and score.</param>
public sealed record RegionScore(
    string Region,
    bool Complete,
    decimal? Index,
    decimal? Index100,
    PredicateBand? Predicate,
    int Responses,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<ProgrammeScore> Programmes,
    IReadOnlyList<ItemScore> Items)
{
    /// <summary>The dimension with <paramref name="code"/>, or <c>null</c>.</summary>
    public DimensionScore? Dimension(string code) => Dimensions.FirstOrDefault(d => d.Dimension == code);
}

/// <summary>A dimension's score and its three components; <c>null</c> means not available.</summary>
/// <param name="Dimension">The dimension code.</param>
/// <param name="Score">The weighted mean of the available components.</param>
/// <param name="Indicators">The indicator component (0-100), when coverage reaches the minimum.</param>
/// <param name="Programmes">The programme component (0-100), when there is a programme.</param>
/// <param name="Perception">The perception component (0-100), when respondents reach the minimum.</param>
/// <param name="Coverage">Indicators with a value / indicators mapped (0 when none is mapped).</param>
/// <param name="IndicatorsWithValue">How many of the dimension's indicators have a value.</param>
/// <param name="IndicatorsMapped">How many indicators the methodology maps to the dimension.</param>
/// <param name="ProgrammeCount">Programmes of the dimension.</param>
/// <param name="ItemsAnswered">Likert items of the dimension with at least one answer.</param>
public sealed record DimensionScore(
    string Dimension,
    decimal? Score,
    decimal? Indicators,
    decimal? Programmes,
    decimal? Perception,
    decimal Coverage,
    int IndicatorsWithValue,
    int IndicatorsMapped,
    int ProgrammeCount,
    int ItemsAnswered);

/// <summary>One indicator's contribution.</summary>
public sealed record IndicatorScore(string Key, string Dimension, decimal Value, decimal Worst, decimal Best, decimal Weight, decimal Score);

/// <summary>One programme's contribution: <c>25 * (level - 1)</c> of the level used.</summary>
public sealed record ProgrammeScore(Guid Id, string Dimension, string Name, int SelfLevel, int? VerifiedLevel, decimal Score)
{
    /// <summary>The level the score used.</summary>
    public int EffectiveLevel => VerifiedLevel ?? SelfLevel;
}

/// <summary>One questionnaire item's contribution: <c>25 * (mean - 1)</c>.</summary>
/// <param name="Item">The item code.</param>
/// <param name="Dimension">The dimension it counts for.</param>
/// <param name="Mean">The mean answer (1-5).</param>
/// <param name="Count">How many answered it (without "Tidak tahu").</param>
/// <param name="Score">Its contribution 0-100.</param>
/// <param name="Sum">The sum of the answers as stored (the tally the mean came from); absent in snapshots made
/// before it was kept, and then left out of the JSON so that their content hash stays the same.</param>
public sealed record ItemScore(
    string Item,
    string Dimension,
    decimal Mean,
    int Count,
    decimal Score,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? Sum = null);
