namespace Survey.Domain.Common;

/// <summary>
/// The data of one owner in one period: the unit of entry, submission, review and authorisation. Today the
/// owner is always a region (<see cref="Region"/>, its 4-digit code); units inside a region (agencies, villages)
/// become owners within the same region.
/// </summary>
public readonly record struct Scope(string Period, string Region)
{
    /// <summary>The same owner in another period (the previous semester, for comparisons and carry-over).</summary>
    public Scope InPeriod(string period) => this with { Period = period };

    public override string ToString() => $"{Period}/{Region}";
}
