using LlmOps.Execution;
using LlmOps.Pipelines.FineTune;
using LlmOps.Planning;

namespace LlmOps.FineTune.Tests.Infrastructure;

/// <summary>
/// Loads the FineTune pipeline under a repository root with a parameter profile (.nuke/parameters.&lt;profile&gt;.json
/// over .nuke/parameters.json, as --profile does) and command-line parameters, and runs it through the real planner
/// and executor.
/// </summary>
public sealed class FineTuneHarness(string root, string? profile)
{
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<PipelineModel> Load() =>
        PipelineLoader.LoadAll([typeof(FineTunePipeline)], new ParameterSources(root, Parameters, _ => null, ParameterSources.LoadFiles(root, profile)));

    public ExecutionPlan Plan(string target)
    {
        var models = Load();
        var stage = models.SelectMany(m => m.Stages).Single(s => s.Id == target);
        return PlanBuilder.Build(StageGraph.Build(models), [stage], SkipSelection.None);
    }

    public async Task<Outcome> RunAsync(string target, CancellationToken cancellationToken)
    {
        var plan = Plan(target);
        var environment = new RunEnvironment(new ExecutionOptions { RootDirectory = root, Parallelism = 1, Variables = LocalVariables });
        var reporter = new LineReporter();
        // Tracked as ./build.sh tracks (the local tracker in the scratch root): Deploy promotes in its model registry.
        var tracking = LlmOps.Cli.Tracking.TrackerSelection.Observer(environment, name => name.StartsWith("MLFLOW_", StringComparison.Ordinal) ? null : LocalVariables.Read(name), TextWriter.Null, new SecretMasker());
        var record = await new LocalExecutor(environment, reporter, new SecretMasker(), tracking is null ? null : [tracking]).RunAsync(plan, cancellationToken);
        return new Outcome(record, environment, reporter);
    }

    // The run decides as on a developer's machine whatever CI variables the test process has (governance trusts the
    // development key only outside CI).
    private static readonly RunVariables LocalVariables = new(name =>
        name is "CI" or "GITHUB_ACTIONS" or "TF_BUILD" || name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("SYSTEM_", StringComparison.Ordinal) || name.StartsWith("BUILD_", StringComparison.Ordinal)
            ? null
            : Environment.GetEnvironmentVariable(name));

    public sealed record Outcome(RunRecord Record, RunEnvironment Environment, LineReporter Reporter)
    {
        public StageRecord Stage(string id) => Record.Stages.Single(s => s.Id == id);

        public string RunJson => File.ReadAllText(Path.Combine(Environment.Runs.RunDirectory(Record.RunId), "run.json"));

        /// <summary>The files of a stored artifact, materialized read-only from the store.</summary>
        public string ArtifactDirectory(string stageId, string artifact) => Environment.Store.Materialize(Stage(stageId).Outputs[artifact]);

        /// <summary>Every stage's id and status, for assertion messages.</summary>
        public string Summary => string.Join("; ", Record.Stages.Select(s => $"{s.Id} {s.Status} {s.Reason}"));
    }

    public sealed class LineReporter : IRunReporter
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public string Text => string.Join('\n', _lines);

        public void Info(string message) => _lines.Enqueue(message);

        public void StageStatus(string stageId, StageStatus status, string detail) => _lines.Enqueue($"{stageId} {status} {detail}");

        public void StageLog(string stageId, string line) => _lines.Enqueue($"{stageId} | {line}");
    }
}
