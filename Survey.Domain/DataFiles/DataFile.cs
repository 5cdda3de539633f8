namespace Survey.Domain.DataFiles;

/// <summary>One file of the <c>indicators/</c> folder: its path relative to that folder and its text.</summary>
public sealed record DataFile(string Name, string Content);

/// <summary>A rule broken by a data file: which file, which entry, what rule.</summary>
public sealed record DataFileError(string File, string Entry, string Message)
{
    /// <summary>The one-line form shown to the operator: <c>file: entry: message</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Entry) ? $"{File}: {Message}" : $"{File}: {Entry}: {Message}";
}

/// <summary>
/// The data files are invalid; nothing of them may be used. <see cref="Exception.Message"/> lists every error,
/// one per line.
/// </summary>
public sealed class DataFileException : Exception
{
    public DataFileException(IReadOnlyList<DataFileError> errors)
        : base(BuildMessage(errors)) => Errors = errors;

    public DataFileException()
        : this([])
    {
    }

    public DataFileException(string message)
        : base(message) => Errors = [];

    public DataFileException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Every rule broken, in file order.</summary>
    public IReadOnlyList<DataFileError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<DataFileError> errors) =>
        errors.Count == 0 ? "invalid data files" : string.Join(Environment.NewLine, errors);
}
