using System.Text.RegularExpressions;

namespace Survey.Data.Database;

/// <summary>The naming rule of migration files: <c>NNNN_snake_case_description.sql</c>.</summary>
public static partial class MigrationNames
{
    /// <summary>True when <paramref name="fileName"/> follows the migration naming pattern.</summary>
    public static bool IsMigrationFile(string fileName) => Pattern().IsMatch(fileName);

    /// <summary>The four-digit number of a migration file name; the name must match the pattern.</summary>
    public static int NumberOf(string fileName) =>
        int.Parse(fileName.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{4}_[a-z0-9]+(_[a-z0-9]+)*\\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
