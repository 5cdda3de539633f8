namespace Survey.Domain.Reports;

/// <summary>One dimension of the report: its score and components (0-100) and the main findings in words.</summary>
public sealed record ReportDimension(string Name, decimal? Score, decimal? Indicators, decimal? Programmes, decimal? Perception, IReadOnlyList<string> Findings);

public sealed record ReportProgramme(string Name, string Dimension, int SelfLevel, int? VerifiedLevel);

public sealed record ReportRisk(string Title, string Programme, int Magnitude, string Level);

public sealed record ReportObstacle(string Description, string Status, string Support);

public sealed record ReportRecommendation(string Text, string AddressedTo, string Priority, string DuePeriod);

public sealed record ReportFollowUp(string Text, string DuePeriod, string Status, string? Verdict);

/// <summary>
/// What a region's evaluation report for a period says, in the language it is written in. Its content hash (of all
/// but <see cref="Date"/>) identifies the document; a report of a published period is registered under it.
/// </summary>
public sealed record EvaluationReportContent(
    string Region,
    string RegionName,
    string Province,
    bool IsDemo,
    string Period,
    string Language,
    int? SnapshotVersion,
    string? SnapshotHash,
    decimal? Index100,
    decimal? Index,
    string? Predicate,
    int? Rank,
    int Ranked,
    IReadOnlyList<ReportDimension> Dimensions,
    IReadOnlyList<ReportProgramme> Programmes,
    IReadOnlyList<ReportRisk> HighestRisks,
    IReadOnlyList<ReportObstacle> Obstacles,
    IReadOnlyList<ReportRecommendation> NewRecommendations,
    IReadOnlyList<ReportFollowUp> FollowUps)
{
    /// <summary>The day it was generated (not part of the hash).</summary>
    public DateOnly Date { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Published => SnapshotHash is not null;

    /// <summary>SHA-256 of the canonical JSON of the content (the date aside).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Hash => Common.ContentHash.Of(this with { Date = default });
}

/// <summary>A registered report, as <c>/verify/{hash}</c> tells of it.</summary>
public sealed record IssuedReport(string Hash, string Region, string RegionName, string Period, decimal? Index100, string? Predicate, string Language, DateTimeOffset IssuedAt, int SnapshotVersion, bool IsDemo);

public interface IEvaluationReportRepository
{
    /// <summary>Registers a report of a published snapshot (once per hash).</summary>
    Task RegisterAsync(EvaluationReportContent report, int snapshotId, CancellationToken cancellationToken);

    Task<IssuedReport?> FindAsync(string hash, CancellationToken cancellationToken);
}
