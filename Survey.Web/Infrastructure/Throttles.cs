using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Survey.Web.Infrastructure;

/// <summary>Rate limits of the public respondent form and chart rendering (section <c>Survey:RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts per client address and minute.</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Requests with an unknown token, per client address and minute (token guessing).</summary>
    public int RespondFailuresPerMinute { get; set; } = 60;

    /// <summary>Requests of one real personal token (valid or used) per minute (a respondent needs about 17 for a whole survey).</summary>
    public int RespondPerTokenPerMinute { get; set; } = 120;

    /// <summary>Personal links handed out by open campaign links, per client address and minute.</summary>
    public int OpenLinkIssuesPerMinute { get; set; } = 120;

    /// <summary>Chart images drawn (not served from the cache) per client and minute.</summary>
    public int ChartRendersPerMinute { get; set; } = 120;

    /// <summary>Charts drawn at the same time; 0: the number of cores less one (at least one).</summary>
    public int ConcurrentChartRenders { get; set; }

    /// <summary>Posts of an expired session kept per user and minute.</summary>
    public int ExpiredDraftsPerMinute { get; set; } = 10;

    public string? Problem() =>
        SignInPerMinute < 1 || RespondFailuresPerMinute < 1 || RespondPerTokenPerMinute < 1 || OpenLinkIssuesPerMinute < 1
        || ChartRendersPerMinute < 1 || ExpiredDraftsPerMinute < 1 || ConcurrentChartRenders < 0
            ? "every Survey:RateLimits setting must be a positive number (ConcurrentChartRenders may be 0 for automatic)."
            : null;
}

/// <summary>
/// Fixed one-minute windows per key, for limits that depend on what a request turned out to be (a valid token or
/// not), which the rate-limiting middleware cannot know before the request is handled.
/// </summary>
public sealed class KeyedLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public KeyedLimiter(int perMinute) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));

    /// <summary>Takes one permit for <paramref name="key"/>; false when its minute's budget is spent.</summary>
    public bool TryTake(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// The respondent form's limits: what an attacker can abuse is limited — unknown tokens per client address, and
/// each real token's own requests (valid or already used) per token — so that any number of honest respondents behind one
/// address (a service point's Wi-Fi, a carrier's NAT) get through.
/// </summary>
public sealed class RespondentThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly KeyedLimiter _failures = new(options.Value.RespondFailuresPerMinute);
    private readonly KeyedLimiter _tokens = new(options.Value.RespondPerTokenPerMinute);
    private readonly KeyedLimiter _openLinks = new(options.Value.OpenLinkIssuesPerMinute);

    /// <summary>Counts a request with an unknown token against its address; false when over the limit.</summary>
    public bool AllowFailure(HttpContext context) => _failures.TryTake(AddressOf(context));

    /// <summary>Counts a request of a real (valid or used) token against that token; false when over the limit.</summary>
    public bool AllowToken(string tokenHash) => _tokens.TryTake(tokenHash);

    /// <summary>Counts a personal link handed out by an open link against the address; false when over the limit.</summary>
    public bool AllowOpenLinkIssue(HttpContext context) => _openLinks.TryTake(AddressOf(context));

    public static string AddressOf(HttpContext context) => context?.Connection.RemoteIpAddress?.ToString() ?? "local";

    public void Dispose()
    {
        _failures.Dispose();
        _tokens.Dispose();
        _openLinks.Dispose();
    }
}

/// <summary>
/// Chart drawing takes CPU: drawings are limited per client and minute, and only a few run at once, so that a
/// burst of chart requests leaves the other requests their latency. A request that cannot get a drawing slot
/// within a few seconds is answered 503 with Retry-After.
/// </summary>
public sealed class ChartRenderGate(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly KeyedLimiter _perClient = new(options.Value.ChartRendersPerMinute);
    private readonly SemaphoreSlim _slots = new(options.Value.ConcurrentChartRenders > 0 ? options.Value.ConcurrentChartRenders : Math.Max(1, Environment.ProcessorCount - 1));

    public static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(5);

    /// <summary>The client a drawing counts against: the signed-in user, else the address.</summary>
    public bool AllowClient(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = Security.SurveyClaims.IdOf(context.User);
        return _perClient.TryTake(user is { } id ? "u:" + id.ToString("N") : "a:" + RespondentThrottle.AddressOf(context));
    }

    /// <summary>Runs <paramref name="draw"/> in a drawing slot; <c>null</c> when no slot freed up in time.</summary>
    public async Task<byte[]?> DrawAsync(Func<byte[]> draw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (!await _slots.WaitAsync(SlotWait, cancellationToken))
        {
            return null;
        }

        try
        {
            return draw();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _slots.Dispose();
    }
}

/// <summary>Makes <see cref="KeyedLimiter"/>s from the configured limits (for middleware, which are singletons).</summary>
public sealed class KeyedLimiterFactory(IOptions<RateLimitOptions> options)
{
    public KeyedLimiter PerMinute(Func<RateLimitOptions, int> limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return new KeyedLimiter(limit(options.Value));
    }
}
