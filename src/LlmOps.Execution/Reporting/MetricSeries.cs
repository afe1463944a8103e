namespace LlmOps.Execution;

/// <summary>A bounded, thread-safe series of (step, value) points: when full, every other point is dropped.</summary>
internal sealed class MetricSeries(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<(long Step, double Value)> _points = [];
    private int _stride = 1;
    private long _seen;
    private (long Step, double Value)? _last;

    public void Add(long step, double value)
    {
        lock (_gate)
        {
            _last = (step, value);
            if (_seen++ % _stride != 0)
            {
                return;
            }

            _points.Add((step, value));
            if (_points.Count >= capacity)
            {
                for (var i = _points.Count - 1; i > 0; i -= 2)
                {
                    _points.RemoveAt(i);
                }

                _stride *= 2;
            }
        }
    }

    public IReadOnlyList<(long Step, double Value)> Snapshot()
    {
        lock (_gate)
        {
            var copy = _points.ToList();
            if (_last is { } last && (copy.Count == 0 || copy[^1] != last))
            {
                copy.Add(last);
            }

            return copy;
        }
    }
}
