using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Where the app is reached and what stands in front of it (section <c>Survey</c>): the public base URL that
/// every link the app hands out starts with (invitation links, mails, reports, the API description), and the
/// reverse proxy whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers are believed.
/// </summary>
public sealed class SiteOptions
{
    /// <summary>For example <c>https://evaluasi.example.go.id</c>; empty: links use the request's own origin (which <c>AllowedHosts</c> bounds).</summary>
    public string? PublicBaseUrl { get; set; }

    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>The configured base URL without a trailing slash, or <c>null</c>.</summary>
    public string? BaseUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.TrimEnd('/');

    /// <summary>Checks the settings; the message names the setting that is wrong.</summary>
    public string? Problem()
    {
        if (BaseUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)))
        {
            return $"Survey:PublicBaseUrl must be an absolute http or https address such as https://evaluasi.example.go.id (is '{PublicBaseUrl}').";
        }

        foreach (var proxy in Proxy.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                return $"Survey:Proxy:KnownProxies holds '{proxy}', which is not an IP address.";
            }
        }

        foreach (var network in Proxy.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                return $"Survey:Proxy:KnownNetworks holds '{network}', which is not a network such as 10.0.0.0/8.";
            }
        }

        return null;
    }

    /// <summary>Applies the proxy settings to the forwarded-headers middleware.</summary>
    public void Apply(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = Proxy.ForwardLimit;
        if (Proxy.KnownProxies.Length > 0 || Proxy.KnownNetworks.Length > 0)
        {
            // Only the named proxies are believed (the defaults, loopback, are replaced).
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in Proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        }
    }
}

/// <summary>The reverse proxy in front of the app (section <c>Survey:Proxy</c>).</summary>
public sealed class ProxyOptions
{
    /// <summary>Believe forwarded headers at all; without addresses below, only from a proxy on this machine (loopback).</summary>
    public bool Enabled { get; set; }

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public int ForwardLimit { get; set; } = 1;
}

/// <summary>The origin links are built from.</summary>
public static class PublicOrigin
{
    /// <summary>The configured public base URL, or the request's scheme and host (bounded by <c>AllowedHosts</c>).</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var site = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value;
        return site.BaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}";
    }
}
