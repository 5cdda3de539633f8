namespace Survey.Domain.Regions;

/// <summary>A regency (kabupaten) or city (kota) being evaluated.</summary>
/// <param name="Code">The four-digit BPS code, e.g. <c>3523</c> (the first two digits are the province).</param>
/// <param name="Name">The official name, e.g. <c>Kabupaten Tuban</c>.</param>
/// <param name="Kind">Kabupaten or kota.</param>
/// <param name="Province">The province name, e.g. <c>Jawa Timur</c>.</param>
/// <param name="IsDemo">True for demo data: shown with a DEMO label everywhere, never as a real result.</param>
public sealed record Region(string Code, string Name, RegionKind Kind, string Province, bool IsDemo = false);

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
}
