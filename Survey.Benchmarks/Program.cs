using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Survey.Benchmarks;

// dotnet Survey.Benchmarks.dll engine
// dotnet Survey.Benchmarks.dll xlsx-floor ROWS
// dotnet Survey.Benchmarks.dll http URL TOKEN PERIOD REGION [CONCURRENCY] [REQUESTS] [PHASES]
//   PHASES: comma-separated subset of submit,bare,dashboard,radar,reports (default: all)
if (args.Length > 0 && args[0] == "engine")
{
    // In process: a generated benchmark project would inherit the repository's central package management.
    BenchmarkRunner.Run<EngineBenchmark>(DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator));
    return 0;
}

if (args.Length > 1 && args[0] == "xlsx-floor")
{
    await XlsxFloor.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length < 5 || args[0] != "http")
{
    Console.Error.WriteLine("usage: Survey.Benchmarks engine | xlsx-floor ROWS | http URL TOKEN PERIOD REGION [CONCURRENCY] [REQUESTS] [PHASES]");
    return 2;
}

var (url, token, period, region) = (args[1].TrimEnd('/'), args[2], args[3], args[4]);
var concurrency = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 32;
var requests = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 5000;
var phases = (args.Length > 7 ? args[7] : "submit,bare,dashboard,radar,reports").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
// Every phase is measured after a warm-up of its own (the runtime compiles a path's hot code again, optimised,
// after it has run a few thousand times; the figures are those of the app in steady state).
const int Warm = 2000;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

// Respondents have no account: their submissions (and the bare floor) carry no Authorization header.
using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };

// The respondents' links and a full set of answers.
var tokens = new List<string>();
while (phases.Contains("submit") && tokens.Count < requests + Warm)
{
    using var created = await http.PostAsJsonAsync($"/api/v1/periods/{period}/regions/{region}/invitations", new { count = Math.Min(1000, requests + Warm - tokens.Count) });
    created.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
    tokens.AddRange(body.RootElement.GetProperty("links").EnumerateArray().Select(l => new Uri(l.GetString()!).AbsolutePath[3..]));
}

using var questionnaire = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/periods/{period}/questionnaire"));
var answers = questionnaire.RootElement.GetProperty("pages").EnumerateArray().SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(i => (object)new
{
    item = i.GetProperty("code").GetString(),
    value = i.GetProperty("type").GetString() switch
    {
        "likert" => (object)4,
        "single" => i.GetProperty("options")[0].GetProperty("code").GetString()!,
        "number" => 3,
        _ => "Kecamatan",
    },
}).ToArray();

var results = new List<string[]>();
var warm = tokens.Take(Warm).ToList();
var timed = tokens.Skip(Warm).ToList();
Measurement? submit = null, bare = null;
if (phases.Contains("submit"))
{
    // Bodies serialised before the clock starts, so that the figure measures the server, not the client.
    var warmBodies = warm.Select(t => JsonSerializer.SerializeToUtf8Bytes(new { token = t, answers })).ToArray();
    var timedBodies = timed.Select(t => JsonSerializer.SerializeToUtf8Bytes(new { token = t, answers })).ToArray();
    await RunAsync(warm.Count, concurrency, i => anonymous.PostAsync("/api/v1/responses", Json(warmBodies[i])));
    submit = await RunAsync(timed.Count, concurrency, i => anonymous.PostAsync("/api/v1/responses", Json(timedBodies[i])));
    results.Add(Row($"respondent submission (POST /api/v1/responses, {answers.Length} answers, concurrency {concurrency})", submit));
}

if (phases.Contains("bare"))
{
    await RunAsync(Warm, concurrency, _ => anonymous.PostAsync($"/api/v1/bench/bare-response/{period}/{region}", null));
    bare = await RunAsync(requests, concurrency, _ => anonymous.PostAsync($"/api/v1/bench/bare-response/{period}/{region}", null));
    results.Add(Row($"bare endpoint, the single INSERT (concurrency {concurrency})", bare));
}

if (phases.Contains("dashboard"))
{
    await RunAsync(Warm / 4, 8, _ => http.GetAsync($"/periods/{period}/regions/{region}/dashboard"));
    results.Add(Row("region dashboard page (concurrency 8)", await RunAsync(1000, 8, _ => http.GetAsync($"/periods/{period}/regions/{region}/dashboard"))));
}

if (phases.Contains("radar"))
{
    await RunAsync(Warm / 4, 8, _ => http.GetAsync($"/charts/periods/{period}/regions/{region}/radar.png?w=800&h=600"));
    results.Add(Row("radar PNG 800x600 (concurrency 8)", await RunAsync(1000, 8, _ => http.GetAsync($"/charts/periods/{period}/regions/{region}/radar.png?w=800&h=600"))));
}

if (phases.Contains("reports"))
{
    results.Add(Row("region report .xlsx (sequential)", await RunAsync(3, 1, _ => http.GetAsync($"/periods/{period}/regions/{region}/report.xlsx"))));
    results.Add(Row("national report .xlsx (sequential)", await RunAsync(2, 1, _ => http.GetAsync($"/periods/{period}/report.xlsx"))));
}

Console.WriteLine();
Console.WriteLine("| measure | requests | errors | per second | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var row in results)
{
    Console.WriteLine("| " + string.Join(" | ", row) + " |");
}

Console.WriteLine();
if (submit is not null && bare is not null)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions / bare endpoint: {submit.PerSecond / bare.PerSecond:P0} of the bare throughput"));
}

return results.Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)) == 0 ? 0 : 1;

static ByteArrayContent Json(byte[] body)
{
    var content = new ByteArrayContent(body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    return content;
}

static string[] Row(string name, Measurement m) =>
[
    name, m.Count.ToString(CultureInfo.InvariantCulture), m.Errors.ToString(CultureInfo.InvariantCulture),
    m.PerSecond.ToString("0", CultureInfo.InvariantCulture), m.P50.ToString("0.0", CultureInfo.InvariantCulture), m.P99.ToString("0.0", CultureInfo.InvariantCulture),
];

static async Task<Measurement> RunAsync(int count, int concurrency, Func<int, Task<HttpResponseMessage>> send)
{
    var latencies = new double[count];
    var errors = 0;
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await send(i);
            await response.Content.CopyToAsync(Stream.Null);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return new Measurement(count, errors, count / elapsed, latencies[(int)(count * 0.5)], latencies[Math.Min(count - 1, (int)(count * 0.99))]);
}

internal sealed record Measurement(int Count, int Errors, double PerSecond, double P50, double P99);
