using System.Collections.Concurrent;
using LlmOps.Containers.Running;

namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>Collects what the runner reports and lets a test wait for a given line.</summary>
public sealed class Recorder
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<MetricPoint> _metrics = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IReadOnlyList<MetricPoint> Metrics => [.. _metrics];

    public void Log(string line)
    {
        _lines.Enqueue(line);
        foreach (var (text, tcs) in _waiters)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                tcs.TrySetResult();
            }
        }
    }

    public void Metric(MetricPoint point)
    {
        _metrics.Enqueue(point);
        Log($"metric:{point.Name}");
    }

    /// <summary>Completes when a line containing <paramref name="text"/> arrives; register before starting the run.</summary>
    public Task WhenLine(string text) =>
        _waiters.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
