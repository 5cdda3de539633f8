using System.IO.Compression;
using System.Text;
using Survey.Domain.Common;

namespace Survey.Domain.Submissions;

/// <summary>A stored piece of evidence: an uploaded file or a link, attached to an indicator key or a programme id.</summary>
public sealed record EvidenceItem(Guid Id, string Target, string Kind, string? FileName, string? ContentType, long? SizeBytes, string? Url, DateTimeOffset UploadedAt, string? UploadedBy);

/// <summary>What an uploaded file really is, judged by its content.</summary>
public sealed record InspectedFile(string ContentType, string SafeName);

/// <summary>Evidence to store with a save: an inspected file with its content, or a link.</summary>
public sealed record NewEvidence(string Target, InspectedFile? File, byte[]? Content, string? Link);

/// <summary>
/// Accepts PDF, PNG, JPEG and office documents (OOXML and OpenDocument) by their content, not their name:
/// the first bytes and, for the zip-based formats, the parts inside must match the extension.
/// </summary>
public static class EvidenceFiles
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
    };

    /// <summary>The extensions accepted, for messages and the file picker.</summary>
    public static string Accepted => string.Join(", ", ContentTypes.Keys);

    /// <summary>Inspects an upload; <c>null</c> with an error code when it is refused.</summary>
    public static (InspectedFile? File, string? Error) Inspect(string? fileName, ReadOnlySpan<byte> content, long maxBytes)
    {
        var safe = SafeName(fileName);
        if (content.Length == 0)
        {
            return (null, "EvidenceEmpty");
        }

        if (content.Length > maxBytes)
        {
            return (null, "EvidenceTooLarge");
        }

        var extension = Path.GetExtension(safe);
        if (!ContentTypes.TryGetValue(extension, out var contentType))
        {
            return (null, "EvidenceType");
        }

        var matches = extension.ToLowerInvariant() switch
        {
            ".pdf" => content.StartsWith("%PDF-"u8),
            ".png" => content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            ".docx" => ZipHas(content, "word/document.xml"),
            ".xlsx" => ZipHas(content, "xl/workbook.xml"),
            ".pptx" => ZipHas(content, "ppt/presentation.xml"),
            ".odt" or ".ods" => ZipHas(content, "mimetype"),
            _ => false,
        };
        return matches ? (new InspectedFile(contentType, safe), null) : (null, "EvidenceMismatch");
    }

    /// <summary>The file name without any folder part or control characters, at most 150 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var name = (fileName ?? "bukti").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var cleaned = new StringBuilder();
        foreach (var c in name)
        {
            cleaned.Append(char.IsControl(c) || c is '"' or '<' or '>' or ':' or '*' or '?' or '|' ? '_' : c);
        }

        var result = cleaned.ToString().Trim().TrimStart('.');
        if (result.Length > 150)
        {
            var extension = Path.GetExtension(result);
            result = result[..(150 - extension.Length)] + extension;
        }

        return result.Length == 0 ? "bukti" : result;
    }

    /// <summary>True for an absolute http(s) link of at most 500 characters.</summary>
    public static bool IsValidLink(string? url) =>
        url is { Length: > 0 and <= 500 }
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    private static bool ZipHas(ReadOnlySpan<byte> content, string entry)
    {
        if (!content.StartsWith("PK\u0003\u0004"u8))
        {
            return false;
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(content.ToArray()), ZipArchiveMode.Read);
            return archive.GetEntry(entry) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>Evidence in storage.</summary>
public interface IEvidenceRepository
{
    /// <summary>Every evidence item of the region in the period (without file content).</summary>
    Task<IReadOnlyList<EvidenceItem>> ListAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Stores a file (already inspected); audited.</summary>
    Task<Guid> AddFileAsync(Scope scope, string target, InspectedFile file, byte[] content, Guid actorId, CancellationToken cancellationToken);

    /// <summary>Stores a link; audited.</summary>
    Task<Guid> AddLinkAsync(Scope scope, string target, string url, Guid actorId, CancellationToken cancellationToken);

    /// <summary>The file of an evidence item of this region and period, or <c>null</c>.</summary>
    Task<(EvidenceItem Item, byte[] Content)?> GetFileAsync(Scope scope, Guid id, CancellationToken cancellationToken);

    /// <summary>Removes an item of this region and period; audited. <c>false</c> when not found.</summary>
    Task<bool> DeleteAsync(Scope scope, Guid id, Guid actorId, CancellationToken cancellationToken);
}
