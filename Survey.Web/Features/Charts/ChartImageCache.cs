using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Survey.Web.Features.Charts;

/// <summary>
/// Rendered chart images by their ETag (a hash of the drawn data, format, size and language): the same chart
/// is drawn once while its data stays the same, however many people open it, and concurrent first requests
/// wait for one drawing instead of each drawing it. Bounded in bytes; entries unused for 30 minutes go.
/// </summary>
public sealed class ChartImageCache : IDisposable
{
    /// <summary>At most this many bytes of images are kept (a dashboard's six PNG charts are about 250 KB).</summary>
    public const long SizeLimit = 64L * 1024 * 1024;

    private readonly MemoryCache _images = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _drawing = new(StringComparer.Ordinal);

    /// <summary>The image kept under <paramref name="etag"/>, or <c>null</c>.</summary>
    public byte[]? TryGet(string etag) => _images.TryGetValue(etag, out byte[]? known) ? known : null;

    public byte[] GetOrDraw(string etag, Func<byte[]> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (_images.TryGetValue(etag, out byte[]? known) && known is not null)
        {
            return known;
        }

        var drawing = _drawing.GetOrAdd(etag, _ => new Lazy<byte[]>(draw, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var image = drawing.Value;
            _images.Set(etag, image, new MemoryCacheEntryOptions { Size = image.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
            return image;
        }
        finally
        {
            _drawing.TryRemove(new KeyValuePair<string, Lazy<byte[]>>(etag, drawing));
        }
    }

    public void Dispose() => _images.Dispose();
}
