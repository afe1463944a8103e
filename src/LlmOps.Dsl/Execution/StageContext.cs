namespace LlmOps.Dsl;

/// <summary>What a stage's body sees while it runs: its typed inputs and outputs, a log and a cancellation token.</summary>
public abstract class StageContext
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
    /// Variables that services following the run publish for processes this stage starts, e.g. the tracker's
    /// <c>MLFLOW_TRACKING_URI</c> and <c>MLFLOW_RUN_ID</c>, so that a trainer logs into the stage's own run.
    /// </summary>
    public virtual IReadOnlyList<ProcessVariable> ServiceEnvironment => [];

    /// <summary>
    /// The cache key parts the executor resolved for this attempt (an image digest, by part name), so that a body
    /// runs exactly what was keyed even if a tag moved since.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> CacheKeyParts { get; } = new Dictionary<string, string>();

    /// <summary>Resolves a path relative to the pipeline folder.</summary>
    public string PipelinePath(string relativePath) => Path.GetFullPath(Path.Combine(PipelineDirectory, relativePath));
}
