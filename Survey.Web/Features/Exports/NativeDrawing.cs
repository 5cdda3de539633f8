namespace Survey.Web.Features.Exports;

/// <summary>
/// ClosedXML 0.95 reaches System.Drawing (libgdiplus on Linux) to size pictures, through shared static objects;
/// libgdiplus is not safe for concurrent use (parallel reports logged "GLib-WARNING: corrupted double-linked
/// list" and kept memory that was never returned). Every call that can reach it runs here, one at a time.
/// </summary>
public static class NativeDrawing
{
    private static readonly Lock Gate = new();

    public static void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (Gate)
        {
            action();
        }
    }
}

/// <summary>
/// Report workbooks are built in memory (ClosedXML): only a few are built at once, so that a burst of report
/// requests waits its turn instead of holding one workbook per request in memory. A request that cannot start
/// within <see cref="Wait"/> is answered 503 with Retry-After.
/// </summary>
public sealed class ReportGate : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _slots = new(Slots);
    private int _building;
    private int _peak;

    /// <summary>How many workbooks are built at once at most: the number of cores.</summary>
    public static int Slots { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The most workbooks that were ever built at the same time in this process.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(Wait, cancellationToken))
        {
            return false;
        }

        var now = Interlocked.Increment(ref _building);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }

        return true;
    }

    public void Leave()
    {
        Interlocked.Decrement(ref _building);
        _slots.Release();
    }

    public void Dispose() => _slots.Dispose();
}
