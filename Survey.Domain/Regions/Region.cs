namespace Survey.Domain.Regions;

/// <summary>A regency (kabupaten) or city (kota) being evaluated.</summary>
/// <param name="Code">The four-digit BPS code, e.g. <c>3523</c> (the first two digits are the province).</param>
/// <param name="Name">The official name, e.g. <c>Kabupaten Tuban</c>.</param>
/// <param name="Kind">Kabupaten or kota.</param>
/// <param name="Province">The province name, e.g. <c>Jawa Timur</c>.</param>
/// <param name="IsDemo">True for demo data: shown with a DEMO label everywhere, never as a real result.</param>
/// <param name="CohortYear">The year it joined Gerakan Menuju 100 Smart City, where known.</param>
/// <param name="Participating">Whether it takes part in the current evaluation (national pages show only those).</param>
public sealed record Region(string Code, string Name, RegionKind Kind, string Province, bool IsDemo = false, int? CohortYear = null, bool Participating = true)
{
    /// <summary>The Kemendagri form of the code, e.g. <c>35.23</c>.</summary>
    public string KemendagriCode => KemendagriCodes.OfRegion(Code);
}

/// <summary>The two kinds of regions.</summary>
public enum RegionKind
{
    /// <summary>A regency.</summary>
    Kabupaten,

    /// <summary>A city.</summary>
    Kota,
}

/// <summary>The names of <see cref="RegionKind"/> values in files and JSON.</summary>
public static class RegionKinds
{
    /// <summary>Parses <c>kabupaten</c> or <c>kota</c> (any case); <c>false</c> otherwise.</summary>
    public static bool TryParse(string? text, out RegionKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "kabupaten":
                kind = RegionKind.Kabupaten;
                return true;
            case "kota":
                kind = RegionKind.Kota;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>The lowercase name of <paramref name="kind"/>.</summary>
    public static string NameOf(RegionKind kind) => kind == RegionKind.Kota ? "kota" : "kabupaten";
}

/// <summary>The region registry.</summary>
public interface IRegionRepository
{
    /// <summary>Every region, ordered by code.</summary>
    Task<IReadOnlyList<Region>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The region with <paramref name="code"/>, or <c>null</c>.</summary>
    Task<Region?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Adds one region; <c>false</c> when the code exists already (nothing is changed).</summary>
    Task<bool> AddAsync(Region region, CancellationToken cancellationToken);

    /// <summary>Adds or updates every region (by code) in one transaction.</summary>
    /// <returns>How many were added and how many updated.</returns>
    Task<(int Added, int Updated)> ImportAsync(IReadOnlyList<Region> regions, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the registry in line with the shipped files: provinces, and every region added (not taking part
    /// until an administrator says so) or corrected (name, kind, province; a cohort only where none is set).
    /// Nothing is written when the files are unchanged since the last sync; a change is audited.
    /// </summary>
    /// <returns>How many regions were added and corrected, or <c>null</c> when the files were unchanged.</returns>
    Task<(int Added, int Updated)?> SyncRegistryAsync(Registry registry, CancellationToken cancellationToken);

    /// <summary>
    /// Marks registry regions that nobody evaluates yet (not taking part, no submission) as demo regions taking
    /// part, for the demo data; returns how many. A region an administrator made take part is never claimed.
    /// </summary>
    Task<int> ClaimForDemoAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken);

    /// <summary>The provinces of the registry, by code.</summary>
    Task<IReadOnlyList<Province>> ProvincesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the cohort (when <paramref name="setCohort"/>; <c>null</c> clears it) and the participation (when given),
    /// audited as the actor's change; <c>null</c> when the region is unknown.
    /// </summary>
    Task<Region?> UpdateParticipationAsync(string code, bool setCohort, int? cohortYear, bool? participating, Guid actorId, CancellationToken cancellationToken);
}
