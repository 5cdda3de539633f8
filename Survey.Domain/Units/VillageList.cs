using Survey.Domain.Common;

namespace Survey.Domain.Units;

/// <summary>What importing a row of a village list would do.</summary>
public enum VillageRowStatus
{
    New,
    Renamed,
    Unchanged,
    Refused,
}

/// <summary>One row of a village list, with what importing it would do (the preview).</summary>
public sealed record VillageRow(int Line, string Code, string Name, string Kind, string? District, VillageRowStatus Status, string? Message);

/// <summary>
/// Reads a Kemendagri village list (CSV with the columns <c>code</c> or <c>kemendagri_code</c>, and <c>name</c>;
/// optional <c>kind</c> desa/kelurahan and <c>kecamatan</c>) against the region's units: every row says whether it
/// is new, renamed, unchanged or refused and why. A list with a refused row is imported with its valid rows only
/// when the user says so.
/// </summary>
public static class VillageList
{
    public const int MaxRows = 5000;

    public static (IReadOnlyList<VillageRow> Rows, string? Error) Read(string text, string region, IReadOnlyList<Unit> existing)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(existing);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var separator = lines[0].Contains(';', StringComparison.Ordinal) && !lines[0].Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var header = Regions.RegionCsvParser.SplitLine(lines[0].TrimStart('\uFEFF'), separator).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var codeColumn = header.IndexOf("kemendagri_code") is >= 0 and var k ? k : header.IndexOf("code");
        var nameColumn = header.IndexOf("name");
        if (codeColumn < 0 || nameColumn < 0)
        {
            return ([], Messages.Get("VillageCsvHeader"));
        }

        if (lines.Length > MaxRows + 1)
        {
            return ([], Messages.Get("TooManyRows", MaxRows));
        }

        var kindColumn = header.IndexOf("kind");
        var districtColumn = header.IndexOf("kecamatan");
        var known = existing.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var validator = new UnitInputValidator(region);
        var rows = new List<VillageRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            var fields = Regions.RegionCsvParser.SplitLine(lines[i], separator).Select(f => f.Trim()).ToList();
            string Field(int column) => column >= 0 && column < fields.Count ? fields[column] : string.Empty;
            var code = Field(codeColumn);
            var name = Field(nameColumn);
            // Kemendagri numbers kelurahan from 1001 and desa from 2001; a kind column, when present, says it outright.
            var given = Field(kindColumn).ToLowerInvariant();
            var kind = given is UnitKinds.Desa or UnitKinds.Kelurahan ? given
                : code.Length == 13 && code[9] == '1' ? UnitKinds.Kelurahan : UnitKinds.Desa;
            var district = districtColumn >= 0 && Field(districtColumn).Length is > 0 and <= 120 ? Field(districtColumn) : null;
            var result = validator.Validate(new UnitInput(code, name, kind, null, null, null));
            if (!result.IsValid)
            {
                rows.Add(new VillageRow(line, code, name, kind, district, VillageRowStatus.Refused, string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct())));
                continue;
            }

            if (seen.TryGetValue(code, out var first))
            {
                rows.Add(new VillageRow(line, code, name, kind, district, VillageRowStatus.Refused, Messages.Get("VillageCsvTwice", line, code, first)));
                continue;
            }

            seen[code] = line;
            var status = !known.TryGetValue(code, out var unit) ? VillageRowStatus.New
                : unit.Name == name && unit.District == (district ?? unit.District) ? VillageRowStatus.Unchanged
                : VillageRowStatus.Renamed;
            rows.Add(new VillageRow(line, code, name, kind, district, status, null));
        }

        return (rows, null);
    }
}
