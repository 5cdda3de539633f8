using Survey.Domain.Common;

namespace Survey.Domain.Submissions;

/// <summary>
/// Form posts that arrived after the session expired, kept under a random id until the user signs in again.
/// They are never applied by themselves: the form shows them and the user saves.
/// </summary>
public interface IPendingDraftRepository
{
    /// <summary>Keeps the fields of a post for <paramref name="userId"/>, who keeps at most five (the oldest go first), for a day.</summary>
    Task StoreAsync(string id, Guid userId, string path, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken);

    /// <summary>The kept fields (once: they are removed), or <c>null</c> when unknown, another user's or older than a day.</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>?> TakeAsync(string id, Guid userId, string path, CancellationToken cancellationToken);
}

/// <summary>The rows of an uploaded indicator workbook between the preview and the import, per user and scope.</summary>
public interface IImportPreviewRepository
{
    Task<Guid> AddAsync(Guid userId, Scope scope, string fileName, string rowsJson, CancellationToken cancellationToken);

    /// <summary>The preview, only for the user and scope it was made for.</summary>
    Task<(string FileName, string Rows)?> FindAsync(Guid id, Guid userId, Scope scope, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);
}
