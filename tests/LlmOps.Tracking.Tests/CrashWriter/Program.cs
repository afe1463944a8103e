// Test helper: writes metric batches into a local tracker until it is killed, so a test can check that a
// process killed in the middle of a write transaction leaves the database consistent (whole batches only).
using System.Globalization;
using LlmOps.Tracking;
using LlmOps.Tracking.Local;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LlmOps.Tracking.CrashWriter <tracking directory> <points per batch>");
    return 2;
}

var batchSize = int.Parse(args[1], CultureInfo.InvariantCulture);
var tracker = new LocalTracker(args[0]);
var run = await tracker.StartPipelineRunAsync("crash", "crash-1");
Console.WriteLine($"RUN {run.RunId}");
for (var batch = 0; ; batch++)
{
    var points = Enumerable.Range(0, batchSize).Select(i => new MetricPoint("loss", i, (batch * (long)batchSize) + i, 1)).ToList();
    await tracker.LogMetricsAsync(run, points);
    Console.WriteLine($"COMMITTED {batch}");
}
