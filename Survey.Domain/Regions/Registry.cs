using System.Globalization;

namespace Survey.Domain.Regions;

/// <summary>A province of the registry (its two-digit Kemendagri code and name).</summary>
public sealed record Province(string Code, string Name);

/// <summary>
/// One regency or city of the national registry: the platform's 4-digit code, the Kemendagri form beside it
/// (<c>35.23</c>), and the year it joined Gerakan Menuju 100 Smart City where a public source confirms it.
/// </summary>
public sealed record RegistryRegion(string Code, string Name, RegionKind Kind, string ProvinceCode, string Province, int? CohortYear);

/// <summary>The whole registry as shipped in <c>indicators/regions/</c>, with the content hash that says whether it changed.</summary>
public sealed record Registry(IReadOnlyList<Province> Provinces, IReadOnlyList<RegistryRegion> Regions, string ContentHash);

/// <summary>The cohorts of Gerakan Menuju 100 Smart City: the movement began choosing regions in 2017.</summary>
public static class Cohorts
{
    public static bool IsYear(int year) => year is >= 2017 and <= 2100;
}

/// <summary>The Kemendagri form of codes.</summary>
public static class KemendagriCodes
{
    /// <summary><c>3523</c> as <c>35.23</c> (any other text is returned as it is).</summary>
    public static string OfRegion(string code) =>
        code is { Length: 4 } && code.All(char.IsAsciiDigit) ? $"{code[..2]}.{code[2..]}" : code;
}

/// <summary>
/// Reads the registry files: <c>regions-kemendagri-2025.csv</c> (code, kemendagri_code, name, kind,
/// province_code, province) and <c>smart-city-cohorts.csv</c> (code, name, cohort_year, source). Every problem
/// is reported with its file and line; a registry with any problem is not loaded.
/// </summary>
public static class RegistryParser
{
    public const string RegionsFile = "regions-kemendagri-2025.csv";
    public const string CohortsFile = "smart-city-cohorts.csv";

    public static (Registry? Registry, IReadOnlyList<string> Errors) Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var regionsPath = Path.Combine(folder, RegionsFile);
        var cohortsPath = Path.Combine(folder, CohortsFile);
        if (!File.Exists(regionsPath))
        {
            return (null, [$"{RegionsFile}: the file is missing from {folder}"]);
        }

        var regionsText = File.ReadAllText(regionsPath);
        var cohortsText = File.Exists(cohortsPath) ? File.ReadAllText(cohortsPath) : "code,name,cohort_year,source\n";
        return Parse(regionsText, cohortsText);
    }

    public static (Registry? Registry, IReadOnlyList<string> Errors) Parse(string regionsText, string cohortsText)
    {
        ArgumentNullException.ThrowIfNull(regionsText);
        ArgumentNullException.ThrowIfNull(cohortsText);
        var errors = new List<string>();
        var cohorts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in Rows(cohortsText, CohortsFile, ["code", "name", "cohort_year", "source"], errors))
        {
            if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !Cohorts.IsYear(year))
            {
                errors.Add($"{CohortsFile} line {line}: cohort_year '{fields[2]}' is not a year from 2017 on");
            }
            else if (!cohorts.TryAdd(fields[0], year))
            {
                errors.Add($"{CohortsFile} line {line}: region {fields[0]} is listed twice");
            }
        }

        var provinces = new Dictionary<string, string>(StringComparer.Ordinal);
        var regions = new List<RegistryRegion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in Rows(regionsText, RegionsFile, ["code", "kemendagri_code", "name", "kind", "province_code", "province"], errors))
        {
            var (code, kemendagri, name, kindText, provinceCode, province) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
            if (code.Length != 4 || !code.All(char.IsAsciiDigit))
            {
                errors.Add($"{RegionsFile} line {line}: code '{code}' is not 4 digits");
                continue;
            }

            if (kemendagri != KemendagriCodes.OfRegion(code) || provinceCode != code[..2])
            {
                errors.Add($"{RegionsFile} line {line}: kemendagri_code '{kemendagri}' or province_code '{provinceCode}' does not match code {code}");
                continue;
            }

            if (!RegionKinds.TryParse(kindText, out var kind) || name.Length is < 3 or > 120 || province.Length is < 2 or > 80)
            {
                errors.Add($"{RegionsFile} line {line}: kind must be kabupaten or kota, the name 3-120 characters and the province 2-80");
                continue;
            }

            if (!seen.Add(code))
            {
                errors.Add($"{RegionsFile} line {line}: code {code} is listed twice");
                continue;
            }

            if (provinces.TryGetValue(provinceCode, out var known) && known != province)
            {
                errors.Add($"{RegionsFile} line {line}: province {provinceCode} is named '{province}' here and '{known}' before");
                continue;
            }

            provinces[provinceCode] = province;
            regions.Add(new RegistryRegion(code, name, kind, provinceCode, province, cohorts.TryGetValue(code, out var year) ? year : null));
        }

        errors.AddRange(cohorts.Keys.Where(c => !seen.Contains(c)).Select(c => $"{CohortsFile}: region {c} is not in {RegionsFile}"));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var hash = Common.ContentHash.OfText(regionsText.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n--\n" + cohortsText.Replace("\r\n", "\n", StringComparison.Ordinal));
        return (new Registry(provinces.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new Province(p.Key, p.Value)).ToList(), regions, hash), errors);
    }

    private static IEnumerable<(int Line, List<string> Fields)> Rows(string text, string file, string[] header, List<string> errors)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var found = RegionCsvParser.SplitLine(lines[0].TrimStart('\uFEFF'), ',').Select(h => h.Trim()).ToArray();
        if (!found.SequenceEqual(header))
        {
            errors.Add($"{file}: the header must be {string.Join(',', header)} (it is {string.Join(',', found)})");
            yield break;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = RegionCsvParser.SplitLine(lines[i], ',').Select(f => f.Trim()).ToList();
            if (fields.Count != header.Length)
            {
                errors.Add($"{file} line {i + 1}: {header.Length} fields expected, {fields.Count} found");
                continue;
            }

            yield return (i + 1, fields);
        }
    }
}
