namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>In-memory state of the fake server; guarded by one lock because the server is small and must be exact, not fast.</summary>
public sealed class FakeMlflowStore
{
    public object Gate { get; } = new();

    public List<FakeExperiment> Experiments { get; } = [new FakeExperiment("0", "Default")];

    public Dictionary<string, FakeRun> Runs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FakeModel> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    public long MetricPointsReceived;

    public FakeRun? Run(string id) => Runs.GetValueOrDefault(id);

    /// <summary>Forgets everything, as a server whose database and artifact store were wiped comes back.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            Experiments.RemoveAll(e => e.Id != "0");
            Runs.Clear();
            Models.Clear();
            Artifacts.Clear();
        }
    }
}

public sealed class FakeExperiment(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string LifecycleStage { get; set; } = "active";

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

public sealed class FakeRun(string id, string experimentId)
{
    public string Id { get; } = id;

    public string ExperimentId { get; } = experimentId;

    public string Name { get; set; } = "";

    public string Status { get; set; } = "RUNNING";

    public string LifecycleStage { get; set; } = "active";

    public long StartTime { get; set; }

    public long? EndTime { get; set; }

    public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<FakeMetric> Metrics { get; } = [];

    public string ArtifactUri => $"mlflow-artifacts:/{ExperimentId}/{Id}/artifacts";
}

public sealed record FakeMetric(string Key, double Value, long Timestamp, long Step);

public sealed class FakeModel(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public List<FakeModelVersion> Versions { get; } = [];

    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);
}

public sealed class FakeModelVersion(string name, int version, string source, string? runId)
{
    public string Name { get; } = name;

    public int Version { get; } = version;

    public string Source { get; } = source;

    public string? RunId { get; } = runId;

    public string? Description { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
