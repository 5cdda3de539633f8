using System.Runtime.InteropServices;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Gives memory back to the machine once a burst is over. The garbage collector keeps the heap it grew to until
/// it next runs, and it only runs when something allocates; the C library keeps freed native blocks (ScottPlot's
/// Skia, ClosedXML's packaging) in its arenas. When the app has allocated little for a while after using much
/// more memory than at start, one compacting collection that decommits free space and a <c>malloc_trim</c> return
/// both (measured by the soak of <c>scripts/benchmark.sh</c>, docs/benchmarks.md). It runs once per quiet spell.
/// </summary>
public sealed partial class MemoryTrimService(ILogger<MemoryTrimService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private const long QuietBytes = 64L * 1024 * 1024;
    private const long WorthTrimmingBytes = 128L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var baseline = Environment.WorkingSet;
        var allocated = GC.GetTotalAllocatedBytes();
        var trimmed = true;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var busy = now - allocated > QuietBytes;
                allocated = now;
                if (busy)
                {
                    trimmed = false;
                    continue;
                }

                if (trimmed || Environment.WorkingSet - baseline < WorthTrimmingBytes)
                {
                    continue;
                }

                var before = Environment.WorkingSet;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                if (OperatingSystem.IsLinux())
                {
                    _ = MallocTrim(0);
                }

                trimmed = true;
                allocated = GC.GetTotalAllocatedBytes();
                var heap = GC.GetGCMemoryInfo().TotalCommittedBytes;
                Log.MemoryTrimmed(logger, before / 1024 / 1024, Environment.WorkingSet / 1024 / 1024, heap / 1024 / 1024);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

#pragma warning disable SYSLIB1054 // one blittable call; LibraryImport would need unsafe code in the whole project
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
