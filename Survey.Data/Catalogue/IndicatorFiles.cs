using Survey.Domain.DataFiles;

namespace Survey.Data.Catalogue;

/// <summary>Reads the <c>indicators/</c> folder into <see cref="DataFile"/>s (paths relative to the folder, with '/').</summary>
public static class IndicatorFiles
{
    public static IReadOnlyList<DataFile> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataFileException([new DataFileError(folder, string.Empty, "the indicators folder does not exist")]);
        }

        return Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(path => new DataFile(Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText(path)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads and parses the folder: the one way the app and the tests load the indicator data.</summary>
    public static IndicatorData Load(string folder) => IndicatorDataParser.Parse(ReadFolder(folder));
}
