namespace LlmOps.Tracking;

/// <summary>Tag names: MLflow's system tags, so its UI shows them natively, plus LlmOps' own.</summary>
public static class SystemTags
{
    /// <summary>Git commit of the source.</summary>
    public const string GitCommit = "mlflow.source.git.commit";

    /// <summary>Git branch of the source.</summary>
    public const string GitBranch = "mlflow.source.git.branch";

    /// <summary>Git remote URL.</summary>
    public const string GitRepoUrl = "mlflow.source.git.repoURL";

    /// <summary>Source name (entry point).</summary>
    public const string SourceName = "mlflow.source.name";

    /// <summary>Source type (e.g. JOB, LOCAL).</summary>
    public const string SourceType = "mlflow.source.type";

    /// <summary>Display name of the run.</summary>
    public const string RunName = "mlflow.runName";

    /// <summary>Parent run of a nested run.</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    /// <summary>User who started the run.</summary>
    public const string User = "mlflow.user";

    /// <summary>Markdown note shown in the MLflow UI.</summary>
    public const string Note = "mlflow.note.content";

    /// <summary>Pipeline name.</summary>
    public const string Pipeline = "llmops.pipeline";

    /// <summary>The executor's id of the pipeline execution.</summary>
    public const string PipelineRunId = "llmops.pipeline_run_id";

    /// <summary>Stage name of a stage run.</summary>
    public const string Stage = "llmops.stage";

    /// <summary>CI run URL.</summary>
    public const string CiRunUrl = "llmops.ci.run_url";

    /// <summary>
    /// Prefix of the tag that says where a parameter's value came from ("default", "command line", "environment (EPOCHS)"),
    /// followed by the parameter's key; the parameter itself holds the bare value.
    /// </summary>
    public const string ParamSourcePrefix = "llmops.param_source.";

    /// <summary>Marks a run as a top-level pipeline run, so listings can skip stage runs.</summary>
    public const string RunKind = "llmops.run_kind";

    /// <summary>On a stage run taken from the cache: the executor's id of the pipeline run that produced its outputs.</summary>
    public const string CachedFromPipelineRunId = "llmops.cached_from.pipeline_run_id";

    /// <summary>On a stage run taken from the cache: where the producing run was tracked (a server, or <c>local</c>), when known.</summary>
    public const string CachedFromLocation = "llmops.cached_from.location";

    /// <summary>On a stage run taken from the cache: the producing stage's run id in that tracker, when known.</summary>
    public const string CachedFromRunId = "llmops.cached_from.run_id";

    /// <summary>
    /// On a stage run taken from the cache: <c>linked</c> when the run in <see cref="OutputsRunId"/> on this tracker
    /// holds the outputs and the full metric history, <c>copied</c> when they were recorded into this run itself.
    /// </summary>
    public const string Outputs = "llmops.outputs";

    /// <summary>On a stage run taken from the cache: the run on this tracker that holds the outputs.</summary>
    public const string OutputsRunId = "llmops.outputs_run_id";
}
