using LlmOps.Execution;
using LlmOps.Runtime;
using Spectre.Console;

namespace LlmOps.Cli.Progress;

/// <summary>
/// Chooses how a run shows progress: a live display on a terminal, collapsible groups and a heartbeat in a GitHub or
/// Azure log, and plain lines anywhere else (a file, a pipe, a test). <c>LLMOPS_PROGRESS=plain</c> forces plain lines.
/// </summary>
public sealed class RunProgress : IAsyncDisposable
{
    /// <summary>How often a CI log says which stages are still running.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(1);

    private readonly IAsyncDisposable? _live;
    private readonly IDisposable? _heartbeat;

    private RunProgress(IRunReporter reporter, IRunObserver? observer, IAsyncDisposable? live, IDisposable? heartbeat) =>
        (Reporter, Observer, _live, _heartbeat) = (reporter, observer, live, heartbeat);

    /// <summary>Where the executor reports.</summary>
    public IRunReporter Reporter { get; }

    /// <summary>An observer to add to the run (the live display follows metrics), or null.</summary>
    public IRunObserver? Observer { get; }

    /// <summary>Progress for a run of <paramref name="stageCount"/> stages written to <paramref name="output"/>.</summary>
    /// <param name="output">Where the run's lines go; only the process's standard output can be a live terminal.</param>
    /// <param name="environment">The run's variables: the CI host, and <c>LLMOPS_PROGRESS</c>.</param>
    /// <param name="stageCount">The plan's stages, for the live display's bar.</param>
    public static async Task<RunProgress> StartAsync(TextWriter output, Func<string, string?> environment, int stageCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        var console = ReferenceEquals(output, Console.Out);
        var plain = string.Equals(environment("LLMOPS_PROGRESS"), "plain", StringComparison.OrdinalIgnoreCase);
        var host = CiEnvironment.Host(environment);
        if (host != CiHost.None && !plain)
        {
            var grouped = new CiGroupReporter(output, host);
            return new RunProgress(grouped, null, null, console ? grouped.StartHeartbeat(HeartbeatInterval) : null);
        }

        if (console && !plain && !Console.IsOutputRedirected && !CiEnvironment.IsCi(environment) && environment("TERM") is not "dumb")
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
            var live = await LiveProgressReporter.StartAsync(terminal, stageCount);
            return new RunProgress(live, live, live, null);
        }

        return new RunProgress(console ? ConsoleReporter.Default() : new ConsoleReporter(output, color: false), null, null, null);
    }

    /// <summary>Stops the live display or the heartbeat, so what is printed next stands alone.</summary>
    public async ValueTask DisposeAsync()
    {
        _heartbeat?.Dispose();
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
    }
}
