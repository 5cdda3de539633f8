using System.Text.RegularExpressions;
using FluentValidation;
using Survey.Domain.Common;

namespace Survey.Domain.Units;

/// <summary>
/// A unit inside a region that runs flagship programmes or produces data: a regional agency (perangkat daerah:
/// dinas, badan, kantor, bagian, kecamatan), a village (desa, kelurahan), a regional enterprise (BUMD), or another.
/// </summary>
/// <param name="Code">For villages the Kemendagri code (<c>35.23.12.2002</c>); otherwise a short code such as <c>DISKOMINFO</c>.</param>
/// <param name="Region">The region's 4-digit code.</param>
/// <param name="Kind">agency, desa, kelurahan, bumd or other.</param>
/// <param name="Subtype">For agencies: dinas, badan, kantor, bagian, kecamatan, …</param>
/// <param name="Name">The official name.</param>
/// <param name="Head">Who heads the unit.</param>
/// <param name="Contact">How to reach it (e-mail, telephone).</param>
/// <param name="Active">False once deactivated: kept with its data, takes no new data.</param>
/// <param name="District">For villages, the kecamatan they lie in (from the Kemendagri list), else <c>null</c>.</param>
public sealed record Unit(string Region, string Code, string Kind, string? Subtype, string Name, string? Head, string? Contact, bool Active, string? District = null);

/// <summary>The kinds and agency sub-types of units.</summary>
public static partial class UnitKinds
{
    public const string Agency = "agency";
    public const string Desa = "desa";
    public const string Kelurahan = "kelurahan";
    public const string Bumd = "bumd";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Agency, Desa, Kelurahan, Bumd, Other];

    /// <summary>The sub-types of an agency (perangkat daerah).</summary>
    public static readonly IReadOnlyList<string> AgencySubtypes = ["dinas", "badan", "kantor", "bagian", "kecamatan", "sekretariat", "inspektorat"];

    public static bool IsVillage(string? kind) => kind is Desa or Kelurahan;

    /// <summary>A Kemendagri village code: <c>35.23.12.2002</c>.</summary>
    public static bool IsVillageCode(string? code) => code is not null && VillageCode().IsMatch(code);

    /// <summary>Whether the village code lies in the region (<c>35.23.…</c> in <c>3523</c>).</summary>
    public static bool LiesIn(string code, string region) =>
        region is { Length: 4 } && code.StartsWith($"{region[..2]}.{region[2..]}.", StringComparison.Ordinal);

    [GeneratedRegex(@"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$")]
    private static partial Regex VillageCode();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9_-]{1,31}$")]
    internal static partial Regex ShortCode();
}

/// <summary>A unit as typed or sent, before validation (the API's fields).</summary>
public sealed record UnitInput(string? Code, string? Name, string? Kind, string? Subtype, string? Head, string? Contact)
{
    /// <summary>The unit of <paramref name="region"/>, once <see cref="UnitInputValidator"/> accepted this input.</summary>
    public Unit ToUnit(string region, bool active = true, string? district = null) => new(
        region,
        Normalize(Code)!,
        Kind!.Trim().ToLowerInvariant(),
        string.IsNullOrWhiteSpace(Subtype) ? null : Subtype.Trim().ToLowerInvariant(),
        Name!.Trim(),
        Clean(Head),
        Clean(Contact),
        active,
        district);

    /// <summary>Codes are compared as stored: trimmed, short codes in capitals.</summary>
    public static string? Normalize(string? code) =>
        code is null ? null : UnitKinds.IsVillageCode(code.Trim()) ? code.Trim() : code.Trim().ToUpperInvariant();

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// The rules of a unit of <c>region</c>: a known kind (and agency sub-type), a village code that lies in the region
/// (a code of another region is refused saying so), a short code for the others, a name, bounded head and contact.
/// </summary>
public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator(string region)
    {
        RuleFor(u => u.Kind).Must(k => UnitKinds.All.Contains(k?.Trim().ToLowerInvariant()))
            .WithMessage(_ => Messages.Get("UnitKind", string.Join(", ", UnitKinds.All)));
        RuleFor(u => u.Subtype).Must(s => string.IsNullOrWhiteSpace(s) || UnitKinds.AgencySubtypes.Contains(s.Trim().ToLowerInvariant()))
            .When(u => u.Kind?.Trim().ToLowerInvariant() == UnitKinds.Agency)
            .WithMessage(_ => Messages.Get("UnitSubtype", string.Join(", ", UnitKinds.AgencySubtypes)));
        RuleFor(u => u.Subtype).Empty().When(u => u.Kind?.Trim().ToLowerInvariant() is { } k && k != UnitKinds.Agency && UnitKinds.All.Contains(k))
            .WithMessage(_ => Messages.Get("UnitSubtypeAgencyOnly"));
        RuleFor(u => u.Code).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("code")));
        RuleFor(u => u.Code).Must(c => UnitKinds.IsVillageCode(c!.Trim()))
            .When(u => !string.IsNullOrWhiteSpace(u.Code) && UnitKinds.IsVillage(u.Kind?.Trim().ToLowerInvariant()))
            .WithMessage(_ => Messages.Get("VillageCode"));
        RuleFor(u => u.Code).Must(c => UnitKinds.LiesIn(c!.Trim(), region))
            .When(u => !string.IsNullOrWhiteSpace(u.Code) && UnitKinds.IsVillageCode(u.Code.Trim()) && UnitKinds.IsVillage(u.Kind?.Trim().ToLowerInvariant()))
            .WithMessage(u => Messages.Get("VillageOutsideRegion", u.Code!.Trim(), Regions.KemendagriCodes.OfRegion(region)));
        RuleFor(u => u.Code).Must(c => UnitKinds.ShortCode().IsMatch(c!.Trim().ToUpperInvariant()))
            .When(u => !string.IsNullOrWhiteSpace(u.Code) && !UnitKinds.IsVillage(u.Kind?.Trim().ToLowerInvariant()))
            .WithMessage(_ => Messages.Get("UnitCode"));
        RuleFor(u => u.Name).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("name")))
            .Must(n => n!.Trim().Length is >= 2 and <= 160 && !n.Any(char.IsControl)).When(u => !string.IsNullOrWhiteSpace(u.Name), ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Messages.Get("Length", Messages.Field("name"), 2, 160));
        RuleFor(u => u.Head).Must(h => h!.Trim().Length <= 160 && !h.Any(char.IsControl)).When(u => !string.IsNullOrWhiteSpace(u.Head))
            .WithMessage(_ => Messages.Get("Length", Messages.Field("head"), 0, 160));
        RuleFor(u => u.Contact).Must(c => c!.Trim().Length <= 200 && !c.Any(char.IsControl)).When(u => !string.IsNullOrWhiteSpace(u.Contact))
            .WithMessage(_ => Messages.Get("Length", Messages.Field("contact"), 0, 200));
    }
}

/// <summary>What removing a unit did.</summary>
public enum UnitRemoval
{
    NotFound,

    /// <summary>The unit had no data and is gone.</summary>
    Deleted,

    /// <summary>The unit has data (programmes, assignments, accounts) and was deactivated instead, never deleted.</summary>
    Deactivated,
}

/// <summary>The units of a region.</summary>
public interface IUnitRepository
{
    Task<IReadOnlyList<Unit>> ListAsync(string region, CancellationToken cancellationToken);

    Task<Unit?> FindAsync(string region, string code, CancellationToken cancellationToken);

    /// <summary>Adds a unit, audited; <c>false</c> when the code exists in the region (nothing changed).</summary>
    Task<bool> AddAsync(Unit unit, Guid? actorId, CancellationToken cancellationToken);

    /// <summary>Changes a unit's name, kind, sub-type, head, contact and active flag (its code stays), audited; <c>false</c> when unknown.</summary>
    Task<bool> UpdateAsync(Unit unit, Guid actorId, CancellationToken cancellationToken);

    /// <summary>Deletes a unit without data, deactivates one with data; audited.</summary>
    Task<UnitRemoval> RemoveAsync(string region, string code, Guid actorId, CancellationToken cancellationToken);

    /// <summary>Adds the new villages and renames the known ones, in one transaction, audited once; returns how many were added and renamed.</summary>
    Task<(int Added, int Renamed)> ImportVillagesAsync(string region, IReadOnlyList<Unit> villages, Guid? actorId, CancellationToken cancellationToken);
}
