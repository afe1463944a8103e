using System.Collections.Concurrent;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>The <see cref="StageContext"/> of a stage running in this process.</summary>
internal sealed class LocalStageContext : StageContext
{
    private readonly StageModel _stage;
    private readonly IReadOnlyDictionary<string, string> _inputs;
    private readonly string _outputRoot;
    private readonly Action<string> _log;
    private readonly Action<string, double, long> _metric;
    private readonly Action<string> _summary;
    private readonly Func<Type, object?> _services;
    private readonly Action<Annotation>? _annotate;

    public LocalStageContext(
        StageModel stage,
        string runId,
        string rootDirectory,
        string workDirectory,
        string outputRoot,
        IReadOnlyDictionary<string, string> inputDirectories,
        CancellationToken cancellationToken,
        Action<string> log,
        Action<string, double, long> metric,
        Action<string> summary,
        IReadOnlyList<ProcessVariable> serviceEnvironment,
        IReadOnlyDictionary<string, string> cacheKeyParts,
        Func<Type, object?> services,
        Action<Annotation>? annotate = null)
    {
        _annotate = annotate;
        ServiceEnvironment = serviceEnvironment;
        CacheKeyParts = cacheKeyParts;
        _stage = stage;
        RunId = runId;
        RootDirectory = rootDirectory;
        PipelineDirectory = Path.GetFullPath(Path.Combine(rootDirectory, stage.Pipeline.Instance.Directory));
        WorkDirectory = workDirectory;
        _outputRoot = outputRoot;
        _inputs = inputDirectories;
        CancellationToken = cancellationToken;
        _log = log;
        _metric = metric;
        _summary = summary;
        _services = services;
    }

    public override string StageName => _stage.Id;

    public override IReadOnlyList<ProcessVariable> ServiceEnvironment { get; }

    public override IReadOnlyDictionary<string, string> CacheKeyParts { get; }

    public override object? GetService(Type serviceType) => _services(serviceType);

    public override string RunId { get; }

    public override string RootDirectory { get; }

    public override string PipelineDirectory { get; }

    public override string WorkDirectory { get; }

    public override CancellationToken CancellationToken { get; }

    /// <summary>Latest value of each metric.</summary>
    public ConcurrentDictionary<string, double> Metrics { get; } = new();

    public override T Input<T>(Artifact<T> artifact) => T.Open(InputDirectory(artifact));

    public override T Output<T>(Artifact<T> artifact) => T.Open(OutputDirectory(artifact));

    public override string InputDirectory(ArtifactRef artifact)
    {
        if (!_stage.Definition.ConsumedArtifacts.Contains(artifact))
        {
            throw new StageFailedException($"{_stage.Id} reads artifact '{artifact.Name}' but does not declare .Consumes({artifact.Name}); declare it so the plan and the cache key know about it.");
        }

        return _inputs[artifact.Name];
    }

    public override string OutputDirectory(ArtifactRef artifact)
    {
        if (!_stage.Definition.ProducedArtifacts.Contains(artifact))
        {
            throw new StageFailedException($"{_stage.Id} writes artifact '{artifact.Name}' but does not declare .Produces({artifact.Name}).");
        }

        var directory = Path.Combine(_outputRoot, artifact.Name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public override void Log(string message)
    {
        foreach (var line in message.Split('\n'))
        {
            _log(line.TrimEnd('\r'));
        }
    }

    public override void Metric(string name, double value, long step = 0)
    {
        Metrics[name] = value;
        _metric(name, value, step);
    }

    public override void Summary(string markdown) => _summary(markdown);

    public override void Annotate(Annotation annotation)
    {
        if (_annotate is null)
        {
            base.Annotate(annotation);
        }
        else
        {
            _annotate(annotation);
        }
    }
}
