using LlmOps.Execution;
using LlmOps.Runtime;

namespace LlmOps.Cli.Progress;

/// <summary>
/// Progress in a CI log: each stage's log lines inside one collapsible group (<c>::group::</c> on GitHub Actions,
/// <c>##[group]</c> on Azure Pipelines), its outcome and elapsed time on a line outside it, and a heartbeat naming the
/// stages still running so a long training step never looks hung.
/// </summary>
/// <remarks>
/// CI logs cannot nest or interleave groups, and stages run in parallel: the first stage to log owns the open group
/// and streams live; the others' lines wait, in order, and are written as their own group when the owner finishes.
/// In the usual CI layout (one stage per job) nothing waits.
/// </remarks>
public sealed class CiGroupReporter : IRunReporter
{
    private readonly TextWriter _output;
    private readonly CiHost _host;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly List<string> _waitingOrder = [];
    private readonly Dictionary<string, List<Line>> _waiting = new(StringComparer.Ordinal);
    private string? _owner;

    /// <summary>A reporter writing to <paramref name="output"/> in the syntax of <paramref name="host"/>.</summary>
    /// <param name="output">The job's log.</param>
    /// <param name="host">GitHub Actions or Azure Pipelines.</param>
    /// <param name="time">The clock (a fake one in tests).</param>
    public CiGroupReporter(TextWriter output, CiHost host, TimeProvider? time = null)
    {
        if (host == CiHost.None)
        {
            throw new ArgumentException("group markers need a CI host", nameof(host));
        }

        (_output, _host, _time) = (output, host, time ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public void Info(string message)
    {
        lock (_gate)
        {
            _output.WriteLine(message);
        }
    }

    /// <inheritdoc />
    public void StageStatus(string stageId, StageStatus status, string detail)
    {
        lock (_gate)
        {
            if (status == Execution.StageStatus.Running)
            {
                _started[stageId] = _time.GetUtcNow();
                Handle(stageId, new Line(StatusLines.Running(stageId, detail), LineKind.Status));
                return;
            }

            var elapsed = _started.TryGetValue(stageId, out var started) ? _time.GetUtcNow() - started : (TimeSpan?)null;
            _started.Remove(stageId);
            Handle(stageId, new Line(StatusLines.Finished(stageId, status, detail, elapsed), LineKind.End));
        }
    }

    /// <inheritdoc />
    public void StageLog(string stageId, string line)
    {
        lock (_gate)
        {
            Handle(stageId, new Line(line, LineKind.Log));
        }
    }

    /// <inheritdoc />
    public void Annotation(string stageId, string line)
    {
        lock (_gate)
        {
            Handle(stageId, new Line(line, LineKind.Log));
        }
    }

    /// <summary>
    /// One line naming every running stage and how long it has run (called by a timer, every minute by default), so a
    /// long step shows progress. Written where the log is now, inside the open group if there is one.
    /// </summary>
    public void Heartbeat()
    {
        lock (_gate)
        {
            if (_started.Count == 0)
            {
                return;
            }

            var now = _time.GetUtcNow();
            _output.WriteLine("… still running: " + string.Join(", ", _started.OrderBy(s => s.Value).Select(s => $"{s.Key} ({StatusLines.Elapsed(now - s.Value)})")));
        }
    }

    /// <summary>Calls <see cref="Heartbeat"/> every <paramref name="interval"/> until the returned timer is disposed.</summary>
    public ITimer StartHeartbeat(TimeSpan interval) => _time.CreateTimer(_ => Heartbeat(), null, interval, interval);

    private void Handle(string stageId, Line line)
    {
        if (_owner is not null && _owner != stageId)
        {
            if (!_waiting.TryGetValue(stageId, out var lines))
            {
                _waiting[stageId] = lines = [];
                _waitingOrder.Add(stageId);
            }

            lines.Add(line);
            return;
        }

        Write(stageId, line);
        if (_owner is null)
        {
            Drain();
        }
    }

    private void Write(string stageId, Line line)
    {
        switch (line.Kind)
        {
            case LineKind.Log when _owner is null:
                _owner = stageId;
                _output.WriteLine(_host == CiHost.GitHub ? $"::group::{stageId}" : $"##[group]{stageId}");
                _output.WriteLine(line.Text);
                break;
            case LineKind.End when _owner == stageId:
                _output.WriteLine(_host == CiHost.GitHub ? "::endgroup::" : "##[endgroup]");
                _owner = null;
                _output.WriteLine(line.Text);
                break;
            default:
                _output.WriteLine(line.Text);
                break;
        }
    }

    // Replays the waiting stages in the order they first wrote, until one of them still running owns the group.
    private void Drain()
    {
        while (_owner is null && _waitingOrder.Count > 0)
        {
            var stageId = _waitingOrder[0];
            _waitingOrder.RemoveAt(0);
            var lines = _waiting[stageId];
            _waiting.Remove(stageId);
            foreach (var line in lines)
            {
                Write(stageId, line);
            }
        }
    }

    private enum LineKind
    {
        Status,
        Log,
        End,
    }

    private readonly record struct Line(string Text, LineKind Kind);
}
