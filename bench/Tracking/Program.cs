// Benchmark: 100,000 metric points from a training loop, sent (a) one log-metric request per point and
// (b) through the batching logger (log-batch), against the in-process fake MLflow server, in the same run.
using System.Diagnostics;
using System.Globalization;
using LlmOps.Tracking;
using LlmOps.Tracking.Batching;
using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;

var points = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100_000;

var perPoint = await MeasureAsync("one log-metric per point", points, async (tracker, run, i) =>
{
    await tracker.LogMetricAsync(run, Point(i));
}, null);

var batched = await MeasureAsync("batching logger (log-batch)", points, null, async (tracker, run) =>
{
    await using var logger = tracker.CreateMetricLogger(run);
    for (var i = 0; i < points; i++)
    {
        logger.Log(Point(i));
    }
});

Console.WriteLine($"{points:N0} metric points, in-process fake MLflow 3.6 server on 127.0.0.1");
Console.WriteLine();
Console.WriteLine($"{"mode",-30} {"requests",10} {"wall time",12} {"points received",16}");
foreach (var r in new[] { perPoint, batched })
{
    Console.WriteLine($"{r.Name,-30} {r.Requests,10:N0} {r.Wall.TotalSeconds,11:F2}s {r.Received,16:N0}");
}

Console.WriteLine();
var requestRatio = perPoint.Requests / (double)batched.Requests;
var speedup = perPoint.Wall.TotalSeconds / batched.Wall.TotalSeconds;
Console.WriteLine($"requests ratio: {requestRatio:F1}x fewer (goal >= 20x)");
Console.WriteLine($"speed-up:       {speedup:F1}x faster (goal >= 10x)");
var allArrived = perPoint.Received == points && batched.Received == points;
Console.WriteLine($"every point arrived: {(allArrived ? "yes" : "NO")}");
return allArrived && requestRatio >= 20 && speedup >= 10 ? 0 : 1;

static MetricPoint Point(int i) => new("train/loss", 1.0 / (i + 1), i, 1_700_000_000_000 + i);

static async Task<Result> MeasureAsync(string name, int points, Func<ITracker, RunHandle, int, Task>? perPoint, Func<ITracker, RunHandle, Task>? whole)
{
    await using var server = await FakeMlflowServer.StartAsync(MlflowServerVersion.V3_6);
    var options = new MlflowConnectionOptions { TrackingUri = server.BaseUri, ExperimentName = "bench" };
    await using var tracker = new MlflowTracker(MlflowClient.Create(options), ownsClient: true);
    var run = await tracker.StartPipelineRunAsync("bench", "1");
    var before = server.RequestCount;
    var clock = Stopwatch.StartNew();
    if (perPoint is not null)
    {
        for (var i = 0; i < points; i++)
        {
            await perPoint(tracker, run, i);
        }
    }
    else
    {
        await whole!(tracker, run);
    }

    clock.Stop();
    return new Result(name, server.RequestCount - before, clock.Elapsed, server.Store.Run(run.RunId)!.Metrics.Count);
}

internal sealed record Result(string Name, long Requests, TimeSpan Wall, long Received);
