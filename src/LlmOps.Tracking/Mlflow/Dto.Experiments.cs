namespace LlmOps.Tracking.Mlflow;

/// <summary>An MLflow experiment.</summary>
public sealed class Experiment
{
    /// <summary>Id (opaque string).</summary>
    public string ExperimentId { get; set; } = "";

    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Artifact root, e.g. <c>mlflow-artifacts:/1</c>.</summary>
    public string? ArtifactLocation { get; set; }

    /// <summary><c>active</c> or <c>deleted</c>.</summary>
    public string? LifecycleStage { get; set; }

    /// <summary>Creation time, Unix ms.</summary>
    public long? CreationTime { get; set; }

    /// <summary>Last update, Unix ms.</summary>
    public long? LastUpdateTime { get; set; }

    /// <summary>Tags; the server omits the field when empty.</summary>
    public List<KeyValue>? Tags { get; set; }
}

/// <summary>A key/value pair (tags and params share this shape on the wire).</summary>
/// <param name="Key">Key.</param>
/// <param name="Value">Value.</param>
public sealed record KeyValue(string Key, string Value);

/// <summary>Body of experiments/create.</summary>
public sealed class CreateExperimentRequest
{
    /// <summary>Experiment name.</summary>
    public required string Name { get; init; }

    /// <summary>Artifact location; null uses the server default.</summary>
    public string? ArtifactLocation { get; init; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; init; }
}

/// <summary>Response of experiments/create.</summary>
public sealed class CreateExperimentResponse
{
    /// <summary>The new id.</summary>
    public string ExperimentId { get; set; } = "";
}

/// <summary>Response carrying one experiment.</summary>
public sealed class ExperimentResponse
{
    /// <summary>The experiment.</summary>
    public Experiment? Experiment { get; set; }
}

/// <summary>Response of experiments/search.</summary>
public sealed class SearchExperimentsResponse
{
    /// <summary>Page of experiments (omitted when empty).</summary>
    public List<Experiment>? Experiments { get; set; }

    /// <summary>Token of the next page; absent on the last page.</summary>
    public string? NextPageToken { get; set; }
}
