using Survey.Domain.Common;

namespace Survey.Domain.Risks;

/// <summary>
/// The criteria a period's risks are analysed with (<c>indicators/risk/*.json</c>): likelihood and impact levels
/// 1-5 with their criteria, the 5x5 analysis matrix that gives a risk its magnitude (besaran risiko), the level
/// bands over the magnitude, the risk appetite, and the categories, impact areas and treatment options. A period
/// fixes one revision when it opens, like the methodology.
/// </summary>
/// <param name="Version">The version label (<c>v1</c>).</param>
/// <param name="Title">The criteria's title.</param>
/// <param name="Source">Where the criteria come from and what is the platform's own choice.</param>
/// <param name="LikelihoodLevels">Levels 1-5 in order.</param>
/// <param name="ImpactAreas">The areas an impact is judged in (finance, reputation, ...).</param>
/// <param name="ImpactLevels">Levels 1-5 in order, with a criterion per impact area.</param>
/// <param name="Matrix">Five rows by likelihood 1..5, each five magnitudes by impact 1..5.</param>
/// <param name="Bands">The level bands over the magnitude, from the lowest, without gaps or overlaps.</param>
/// <param name="Appetite">The magnitude from which a risk needs treatment (inclusive).</param>
/// <param name="Categories">The risk categories.</param>
/// <param name="TreatmentOptions">The treatment options for negative and positive risks.</param>
public sealed record RiskCriteria(
    string Version,
    LocalizedText Title,
    LocalizedText Source,
    IReadOnlyList<LikelihoodLevel> LikelihoodLevels,
    IReadOnlyList<CodeName> ImpactAreas,
    IReadOnlyList<ImpactLevel> ImpactLevels,
    IReadOnlyList<IReadOnlyList<int>> Matrix,
    IReadOnlyList<RiskBand> Bands,
    int Appetite,
    IReadOnlyList<CodeName> Categories,
    TreatmentOptions TreatmentOptions)
{
    public const int Levels = 5;

    /// <summary>The magnitude of a risk at <paramref name="likelihood"/> and <paramref name="impact"/> (1-5 each), from the matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A level outside 1-5.</exception>
    public int Magnitude(int likelihood, int impact)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(likelihood, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(likelihood, Levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(impact, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(impact, Levels);
        return Matrix[likelihood - 1][impact - 1];
    }

    /// <summary>The band <paramref name="magnitude"/> falls in.</summary>
    public RiskBand Band(int magnitude) =>
        Bands.FirstOrDefault(b => magnitude >= b.Min && magnitude <= b.Max)
        ?? throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "no band covers this magnitude");

    /// <summary>Whether a risk of <paramref name="magnitude"/> needs treatment: it reaches the appetite.</summary>
    public bool NeedsTreatment(int magnitude) => magnitude >= Appetite;

    /// <summary>The analysis of a risk at <paramref name="likelihood"/> and <paramref name="impact"/>: magnitude, band, treatment.</summary>
    public RiskPosition Position(int likelihood, int impact)
    {
        var magnitude = Magnitude(likelihood, impact);
        return new RiskPosition(likelihood, impact, magnitude, Band(magnitude), NeedsTreatment(magnitude));
    }

    /// <summary>Whether <paramref name="code"/> is a category of these criteria.</summary>
    public bool IsCategory(string? code) => code is not null && Categories.Any(c => c.Code == code);

    /// <summary>Whether <paramref name="code"/> is an impact area of these criteria.</summary>
    public bool IsImpactArea(string? code) => code is not null && ImpactAreas.Any(a => a.Code == code);

    /// <summary>The treatment options for a risk of <paramref name="type"/> (<c>negative</c> or <c>positive</c>).</summary>
    public IReadOnlyList<CodeName> OptionsFor(string type) => type == RiskTypes.Positive ? TreatmentOptions.Positive : TreatmentOptions.Negative;
}

/// <summary>A likelihood level with its name and criterion (frequency or probability).</summary>
public sealed record LikelihoodLevel(int Level, LocalizedText Name, LocalizedText Criteria);

/// <summary>An impact level with its name and a criterion per impact area (by the area's code).</summary>
public sealed record ImpactLevel(int Level, LocalizedText Name, IReadOnlyDictionary<string, LocalizedText> Criteria);

/// <summary>A code with its name in both languages (a category, an impact area, a treatment option).</summary>
public sealed record CodeName(string Code, LocalizedText Name);

/// <summary>A level band over the magnitude, with the colour the matrix and the charts use.</summary>
public sealed record RiskBand(string Code, LocalizedText Name, int Min, int Max, string Colour);

/// <summary>The treatment options for negative risks (threats) and positive ones (opportunities).</summary>
public sealed record TreatmentOptions(IReadOnlyList<CodeName> Negative, IReadOnlyList<CodeName> Positive);

/// <summary>A risk's analysed position: likelihood, impact, magnitude, band and whether it needs treatment.</summary>
public sealed record RiskPosition(int Likelihood, int Impact, int Magnitude, RiskBand Band, bool NeedsTreatment);

/// <summary>The two types of risk.</summary>
public static class RiskTypes
{
    public const string Negative = "negative";
    public const string Positive = "positive";

    public static readonly IReadOnlyList<string> All = [Negative, Positive];
}

/// <summary>A stored revision of the risk criteria: its label (<c>v1.2</c>), content hash and definition.</summary>
public sealed record StoredRiskCriteria(int Id, string Version, int Revision, string ContentHash, DateTimeOffset LoadedAt, RiskCriteria Definition)
{
    public string Label => $"{Version}.{Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
