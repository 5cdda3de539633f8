using Survey.Domain.DataFiles;
using Survey.Domain.Methodology;

namespace Survey.Domain.Catalogue;

/// <summary>The catalogue and the methodology versions as stored in the database.</summary>
public interface ICatalogueRepository
{
    /// <summary>The stored catalogue (retired indicators excluded); <c>null</c> before the first sync.</summary>
    Task<IndicatorCatalogue?> GetCatalogueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The newest revision of methodology <paramref name="version"/> (e.g. <c>v1</c>), or a given revision
    /// with <c>v1.2</c>; <c>null</c> when unknown.
    /// </summary>
    Task<StoredMethodology?> GetMethodologyAsync(string version, CancellationToken cancellationToken);

    /// <summary>Every stored methodology revision, newest first within a version.</summary>
    Task<IReadOnlyList<StoredMethodologySummary>> ListMethodologiesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the parsed data files: the catalogue is updated in place when its content changed; a
    /// methodology whose content is new becomes a new revision. Running it twice changes nothing.
    /// </summary>
    Task<SyncResult> SyncAsync(IndicatorData data, CancellationToken cancellationToken);
}

/// <summary>A stored, immutable methodology revision.</summary>
/// <param name="Id">The database id that periods refer to.</param>
/// <param name="Version">The version label (<c>v1</c>).</param>
/// <param name="Revision">1 for the first content of the version, +1 for every change of the file.</param>
/// <param name="ContentHash">SHA-256 of the canonical definition.</param>
/// <param name="LoadedAt">When this revision was stored.</param>
/// <param name="Definition">The methodology itself.</param>
public sealed record StoredMethodology(int Id, string Version, int Revision, string ContentHash, DateTimeOffset LoadedAt, ScoringMethodology Definition)
{
    /// <summary><c>v1.2</c>: the version and its revision.</summary>
    public string Label => $"{Version}.{Revision}";
}

/// <summary>A stored methodology revision without its definition.</summary>
public sealed record StoredMethodologySummary(int Id, string Version, int Revision, string ContentHash, DateTimeOffset LoadedAt);

/// <summary>What a sync changed.</summary>
/// <param name="CatalogueChanged">The catalogue was new or different and was written.</param>
/// <param name="NewMethodologies">Methodology revisions added, as <c>v1.2</c> labels.</param>
public sealed record SyncResult(bool CatalogueChanged, IReadOnlyList<string> NewMethodologies)
{
    /// <summary>Questionnaire revisions added, as <c>v1.2</c> labels.</summary>
    public IReadOnlyList<string> NewQuestionnaires { get; init; } = [];

    /// <summary>Risk criteria revisions added, as <c>v1.2</c> labels.</summary>
    public IReadOnlyList<string> NewRiskCriteria { get; init; } = [];

    /// <summary>True when nothing was written.</summary>
    public bool Unchanged => !CatalogueChanged && NewMethodologies.Count == 0 && NewQuestionnaires.Count == 0 && NewRiskCriteria.Count == 0;
}
