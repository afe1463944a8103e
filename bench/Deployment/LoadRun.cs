using System.Diagnostics;
using System.Text;

namespace LlmOps.Bench.Deployment;

/// <summary>What one load run measured: requests answered, failures, and the latency distribution.</summary>
public sealed record LoadResult(string Peer, int Requests, int Failed, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send one request, wait for the answer, and send the next, until
/// the time is up. Bounded in time and aimed at loopback only.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string peer, Uri address, string? body, int concurrency, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

        // Warm the connections and the server's first-request paths before the clock starts.
        for (var i = 0; i < concurrency * 2; i++)
        {
            using var _ = await SendAsync(http, address, body);
        }

        var latencies = new List<double>[concurrency];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await SendAsync(http, address, body);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(peer, all.Length, failed, seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Uri address, string? body) => body is null
        ? http.GetAsync(address)
        : http.PostAsync(address, new StringContent(body, Encoding.UTF8, "application/json"));

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
}
