namespace Survey.Domain.Risks;

/// <summary>The stored revisions of the risk criteria.</summary>
public interface IRiskCriteriaRepository
{
    /// <summary>One revision: <c>v1</c> for the newest revision of the version, <c>v1.2</c> for a given one; <c>null</c> when unknown.</summary>
    Task<StoredRiskCriteria?> GetAsync(string version, CancellationToken cancellationToken);

    /// <summary>
    /// The revision a period analyses its risks with: the one it fixed when it opened, or for a draft period the
    /// newest revision of its version; <c>null</c> for an unknown period.
    /// </summary>
    Task<StoredRiskCriteria?> ForPeriodAsync(string period, CancellationToken cancellationToken);
}
