using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Web.Infrastructure;

/// <summary>Reads an uploaded evidence file and judges it by content; the one way the form pages accept evidence.</summary>
public static class EvidenceUploads
{
    /// <summary>The accepted file and its bytes, or the message (current UI language) saying why it was refused.</summary>
    public static async Task<(InspectedFile? File, byte[]? Content, string? Error)> ReadAsync(IFormFile upload, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length > maxBytes)
        {
            return (null, null, Messages.Get("EvidenceTooLarge", maxBytes / 1024 / 1024));
        }

        await using var stream = upload.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var (file, error) = EvidenceFiles.Inspect(upload.FileName, content, maxBytes);
        return file is null
            ? (null, null, Messages.Get(error!, error == "EvidenceType" ? EvidenceFiles.Accepted : maxBytes / 1024 / 1024))
            : (file, content, null);
    }
}
