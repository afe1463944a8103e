using System.Globalization;
using LlmOps.Execution;
using LlmOps.Planning;
using Spectre.Console;

namespace LlmOps.Cli.Progress;

/// <summary>
/// Progress on a terminal (Spectre.Console): a bar of stages done out of the plan's, a spinner and elapsed time for each
/// running stage with its latest metric (<c>Support.Train · step 120 · loss 2.31</c>), and the stages' log and status
/// lines scrolling above. Cleared when the run ends, so the summary that follows stands alone.
/// </summary>
public sealed class LiveProgressReporter : IRunReporter, IRunObserver, IAsyncDisposable
{
    private readonly IAnsiConsole _console;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, ProgressTask> _running = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private ProgressContext? _context;
    private ProgressTask? _overall;
    private int _total;

    private LiveProgressReporter(IAnsiConsole console) => _console = console;

    /// <summary>Starts the live display on <paramref name="console"/> for a plan of <paramref name="stageCount"/> stages.</summary>
    public static async Task<LiveProgressReporter> StartAsync(IAnsiConsole console, int stageCount)
    {
        ArgumentNullException.ThrowIfNull(console);
        var reporter = new LiveProgressReporter(console);
        var ready = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        reporter._loop = console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ready.TrySetResult(context);
                await reporter._done.Task;
            });
        if (await Task.WhenAny(ready.Task, reporter._loop) != ready.Task)
        {
            await reporter._loop;   // the display failed to start: its exception, not a hang
        }

        var progress = await ready.Task;
        reporter._total = stageCount;
        reporter._overall = progress.AddTask(Overall(0, stageCount), maxValue: Math.Max(1, stageCount));
        reporter._context = progress;
        return reporter;
    }

    /// <inheritdoc />
    public void Info(string message) => Print(Markup.Escape(message));

    /// <inheritdoc />
    public void StageStatus(string stageId, StageStatus status, string detail)
    {
        lock (_gate)
        {
            if (status == Execution.StageStatus.Running)
            {
                if (_context is not null && !_running.ContainsKey(stageId))
                {
                    var task = _context.AddTask(Markup.Escape(stageId));
                    task.IsIndeterminate = true;
                    _running[stageId] = task;
                }

                Print($"[cyan]{Markup.Escape(StatusLines.Running(stageId, detail))}[/]");
                return;
            }

            TimeSpan? elapsed = null;
            if (_running.Remove(stageId, out var stage))
            {
                elapsed = stage.ElapsedTime;
                stage.IsIndeterminate = false;
                stage.Value = stage.MaxValue;
                stage.StopTask();
            }

            if (_overall is not null)
            {
                _overall.Increment(1);
                _overall.Description = Overall((int)_overall.Value, _total);
            }

            var colour = status switch
            {
                Execution.StageStatus.Succeeded => "green",
                Execution.StageStatus.Cached => "blue",
                Execution.StageStatus.Skipped => "grey",
                Execution.StageStatus.Failed => "red",
                _ => "yellow",
            };
            Print($"[{colour}]{Markup.Escape(StatusLines.Finished(stageId, status, detail, elapsed))}[/]");
        }
    }

    /// <inheritdoc />
    public void StageLog(string stageId, string line) => Print($"  [grey]{Markup.Escape(stageId)} |[/] {Markup.Escape(line)}");

    /// <inheritdoc />
    public void Annotation(string stageId, string line) => Print(Markup.Escape(line));

    /// <inheritdoc />
    public void Metric(string stageId, string name, double value, long step)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(stageId, out var task))
            {
                task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{stageId} · step {step} · {name} {value:G4}"));
            }
        }
    }

    /// <inheritdoc />
    public Task RunStartedAsync(RunRecord run, ExecutionPlan plan) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StageStartedAsync(RunRecord run, PlannedStage stage) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RunFinishedAsync(RunRecord run) => Task.CompletedTask;

    /// <summary>Stops and clears the live display.</summary>
    public async ValueTask DisposeAsync()
    {
        _done.TrySetResult();
        await _loop;
    }

    private static string Overall(int finished, int total) => $"{finished} of {total} stage(s) done";

    // Spectre writes these above the live display; one call per line, so parallel stages never interleave mid-line.
    private void Print(string markup)
    {
        lock (_gate)
        {
            _console.MarkupLine(markup);
        }
    }
}
