namespace LlmOps.Dsl;

/// <summary>
/// What a stage's body sees while it runs: its typed inputs and outputs, a log, a cancellation token and the services
/// that follow the run (<see cref="GetService"/>).
/// </summary>
public abstract class StageContext : IServiceProvider
{
    /// <summary>The stage's qualified name, e.g. <c>Support.Train</c>.</summary>
    public abstract string StageName { get; }

    /// <summary>The run this stage belongs to.</summary>
    public abstract string RunId { get; }

    /// <summary>The repository root.</summary>
    public abstract string RootDirectory { get; }

    /// <summary>The pipeline's folder (absolute).</summary>
    public abstract string PipelineDirectory { get; }

    /// <summary>A scratch folder private to this stage attempt.</summary>
    public abstract string WorkDirectory { get; }

    /// <summary>Signalled on Ctrl+C or when the stage's timeout elapses.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The typed, read-only view of a consumed artifact.</summary>
    public abstract T Input<T>(Artifact<T> artifact) where T : IArtifactKind<T>;

    /// <summary>The typed view of a produced artifact; its folder starts empty and is stored when the stage succeeds.</summary>
    public abstract T Output<T>(Artifact<T> artifact) where T : IArtifactKind<T>;

    /// <summary>
    /// The read-only folder of a consumed artifact, for features that handle artifacts generically (containers mount
    /// it, validators scan it). Stage bodies use the typed <see cref="Input{T}(Artifact{T})"/>.
    /// </summary>
    public abstract string InputDirectory(ArtifactRef artifact);

    /// <summary>The folder a produced artifact is written to; see <see cref="InputDirectory(ArtifactRef)"/>.</summary>
    public abstract string OutputDirectory(ArtifactRef artifact);

    /// <summary>Writes a line to the console and the stage log, with secrets masked.</summary>
    public abstract void Log(string message);

    /// <summary>Records a metric point (shown as progress, kept in the run record and sent to trackers).</summary>
    public abstract void Metric(string name, double value, long step = 0);

    /// <summary>Adds Markdown to the stage's summary (a CI job summary, a PR comment).</summary>
    public abstract void Summary(string markdown);

    /// <summary>
    /// Points a finding at a line of a file, shown as the CI host shows annotations (GitHub <c>::error file=,line=::</c>,
    /// Azure <c>##vso[task.logissue]</c>) and as <c>file:line: error: message</c> in the stage log. Without a host that
    /// renders them, this default writes the log line only.
    /// </summary>
    public virtual void Annotate(Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        Log($"{annotation.File}{(annotation.Line is { } line ? $":{line}" : "")}: {annotation.Severity.ToString().ToLowerInvariant()}: {annotation.Message}");
    }

    /// <summary>
    /// Variables that services following the run publish for processes this stage starts, e.g. the tracker's
    /// <c>MLFLOW_TRACKING_URI</c> and <c>MLFLOW_RUN_ID</c>, so that a trainer logs into the stage's own run.
    /// </summary>
    public virtual IReadOnlyList<ProcessVariable> ServiceEnvironment => [];

    /// <summary>
    /// A service that what follows the run publishes for this stage while it runs (the tracker's model registry), or
    /// null when none does. The core knows no service by name: a library offers a typed accessor over this, e.g.
    /// <c>context.ModelRegistry()</c> in <c>LlmOps.Tracking</c>.
    /// </summary>
    /// <param name="serviceType">The service's type.</param>
    public virtual object? GetService(Type serviceType) => null;

    /// <summary>
    /// The cache key parts the executor resolved for this attempt (an image digest, by part name), so that a body
    /// runs exactly what was keyed even if a tag moved since.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> CacheKeyParts { get; } = new Dictionary<string, string>();

    /// <summary>Resolves a path relative to the pipeline folder.</summary>
    public string PipelinePath(string relativePath) => Path.GetFullPath(Path.Combine(PipelineDirectory, relativePath));

    /// <summary>
    /// Runs <paramref name="tool"/> (a name on PATH or a path) with <paramref name="arguments"/> passed verbatim, in
    /// <see cref="WorkDirectory"/>; see <see cref="RunAsync(string, IEnumerable{string}, ProcessOptions)"/>.
    /// </summary>
    public Task<ProcessResult> RunAsync(string tool, params string[] arguments) => RunAsync(tool, arguments, new ProcessOptions());

    /// <summary>
    /// Runs <paramref name="tool"/> with <paramref name="arguments"/> passed verbatim (never through a shell). Each
    /// line it prints goes to <see cref="Log"/> as it comes, so it is masked and shown live; the
    /// <see cref="ServiceEnvironment"/> is added to its environment, then <paramref name="options"/>' variables. It
    /// runs in <see cref="WorkDirectory"/> unless the options name a folder (a relative one is taken from
    /// <see cref="RootDirectory"/>). Cancelling the stage kills the tool's process tree. An exit code the options do
    /// not count as success fails the stage with a <see cref="StageFailedException"/> naming the tool, the exit code
    /// and the last lines it printed.
    /// </summary>
    public async Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments, ProcessOptions options)
    {
        var argumentList = arguments.ToList();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var variable in ServiceEnvironment)
        {
            environment[variable.Name] = variable.Value;
        }

        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        // The log masks the run's secrets; the service's own credentials are masked here too, in case this context's
        // log does not know them.
        var masker = new SecretMasker(ServiceEnvironment.Where(v => v.IsSecret).Select(v => v.Value));
        var directory = options.WorkingDirectory is { } given ? Path.GetFullPath(given, RootDirectory) : WorkDirectory;
        Log($"> {CommandLine(tool, argumentList)}");
        try
        {
            var result = await new ProcessRunner(Log, masker).RunAsync(
                tool, argumentList, options with { WorkingDirectory = directory, Environment = environment }, CancellationToken);
            return result.Succeeded ? result : throw new StageFailedException(result.FailureMessage);
        }
        catch (ProcessFailedException e)
        {
            throw new StageFailedException(e.Message);
        }
    }

    // For the log only: quoted so that an argument with spaces reads as one.
    private static string CommandLine(string tool, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(tool).Select(a => a.Length > 0 && !a.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? a : $"'{a.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
}
