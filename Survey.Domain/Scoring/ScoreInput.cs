namespace Survey.Domain.Scoring;

/// <summary>
/// Everything the score of one region in one period is computed from, as read from storage: the reported
/// indicator values (blank and "not available" are not values), the flagship programmes with their
/// levels, the number of complete responses and, per Likert item, the sum and count of its 1-5 answers
/// ("Tidak tahu" is no answer and is not counted).
/// </summary>
/// <param name="Region">The region code.</param>
/// <param name="Values">Indicator key to reported value.</param>
/// <param name="Programmes">The region's flagship programmes.</param>
/// <param name="Responses">Complete responses of the region in the period.</param>
/// <param name="Items">Item code to the tally of its 1-5 answers.</param>
public sealed record ScoreInput(
    string Region,
    IReadOnlyDictionary<string, decimal> Values,
    IReadOnlyList<ProgrammeInput> Programmes,
    int Responses,
    IReadOnlyDictionary<string, ItemTally> Items)
{
    /// <summary>A region with nothing reported.</summary>
    public static ScoreInput Empty(string region) =>
        new(region, new Dictionary<string, decimal>(), [], 0, new Dictionary<string, ItemTally>());
}

/// <summary>A flagship programme as the score sees it.</summary>
/// <param name="Id">The programme id.</param>
/// <param name="Dimension">The dimension it counts for.</param>
/// <param name="Name">Its name, for explanations.</param>
/// <param name="SelfLevel">The coordinator's self-assessed maturity level (1-5).</param>
/// <param name="VerifiedLevel">The evaluator's verified level, when set.</param>
public sealed record ProgrammeInput(Guid Id, string Dimension, string Name, int SelfLevel, int? VerifiedLevel)
{
    /// <summary>The level the score uses: the verified level when set, else the self-assessment.</summary>
    public int EffectiveLevel => VerifiedLevel ?? SelfLevel;
}

/// <summary>The sum and count of an item's 1-5 answers.</summary>
public readonly record struct ItemTally(long Sum, int Count)
{
    /// <summary>The mean answer, or <c>null</c> without answers.</summary>
    public decimal? Mean => Count == 0 ? null : (decimal)Sum / Count;
}
