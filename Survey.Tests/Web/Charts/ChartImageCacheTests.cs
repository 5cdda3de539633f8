using Survey.Web.Features.Charts;

namespace Survey.Tests.Web.Charts;

public sealed class ChartImageCacheTests
{
    [Test]
    public async Task ConcurrentFirstRequests_DrawTheChartOnce_LaterOnesGetTheSameBytes()
    {
        using var cache = new ChartImageCache();
        var draws = 0;
        byte[] Draw()
        {
            Interlocked.Increment(ref draws);
            Thread.Sleep(100);
            return [1, 2, 3];
        }

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return cache.GetOrDraw("\"etag-a\"", Draw);
        })).ToList();
        start.Set();
        var images = await Task.WhenAll(requests);

        Assert.That(draws, Is.EqualTo(1));
        Assert.That(images.Distinct().Count(), Is.EqualTo(1), "every request got the one drawn image");
        Assert.That(cache.GetOrDraw("\"etag-a\"", Draw), Is.SameAs(images[0]));
        Assert.That(draws, Is.EqualTo(1));
    }

    [Test]
    public void AnotherETag_IsAnotherDrawing_AndAFailedDrawingIsNotKept()
    {
        using var cache = new ChartImageCache();
        Assert.That(cache.GetOrDraw("\"a\"", () => [1]), Is.EqualTo(new byte[] { 1 }));
        Assert.That(cache.GetOrDraw("\"b\"", () => [2]), Is.EqualTo(new byte[] { 2 }));

        Assert.Throws<InvalidOperationException>(() => cache.GetOrDraw("\"c\"", () => throw new InvalidOperationException("font missing")));
        Assert.That(cache.GetOrDraw("\"c\"", () => [3]), Is.EqualTo(new byte[] { 3 }), "the next request draws again");
    }
}
