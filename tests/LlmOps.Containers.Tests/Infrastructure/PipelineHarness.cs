using System.Collections.Concurrent;
using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>Loads test pipelines under a scratch repository root and runs them through the real planner and executor.</summary>
public sealed class PipelineHarness(string root, params Type[] pipelines)
{
    public string Root { get; } = root;

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<PipelineModel> Load() =>
        PipelineLoader.LoadAll(pipelines, new ParameterSources(Root, Parameters, _ => null, []));

    public ExecutionPlan Plan(string target)
    {
        var models = Load();
        var stage = models.SelectMany(m => m.Stages).Single(s => s.Id == target);
        return PlanBuilder.Build(StageGraph.Build(models), [stage], SkipSelection.None);
    }

    public IReadOnlyList<DryRun.Decision> DryRunOf(string target) =>
        DryRun.Decide(Plan(target), new RunEnvironment(new ExecutionOptions { RootDirectory = Root }));

    public async Task<Outcome> RunAsync(string target, CancellationToken cancellationToken, Action<string>? onStageLog = null, IReadOnlyList<IRunObserver>? observers = null)
    {
        var plan = Plan(target);
        var environment = new RunEnvironment(new ExecutionOptions { RootDirectory = Root, Parallelism = 2 });
        var masker = new SecretMasker();
        foreach (var parameter in plan.Stages.Select(s => s.Stage.Pipeline).Distinct().SelectMany(p => p.Parameters).Where(p => p.IsSecret))
        {
            masker.Add(ParameterValues.Format(parameter.Value));
        }

        var reporter = new CapturingReporter(onStageLog);
        var record = await new LocalExecutor(environment, reporter, masker, observers).RunAsync(plan, cancellationToken);
        return new Outcome(record, environment, reporter);
    }

    public sealed record Outcome(RunRecord Record, RunEnvironment Environment, CapturingReporter Reporter)
    {
        public StageRecord Stage(string id) => Record.Stages.Single(s => s.Id == id);

        public string Log(string id) => File.ReadAllText(Path.Combine(Environment.Runs.RunDirectory(Record.RunId), "logs", id + ".log"));

        public string RunJson => File.ReadAllText(Path.Combine(Environment.Runs.RunDirectory(Record.RunId), "run.json"));

        /// <summary>The files of a stored artifact, materialized read-only from the store.</summary>
        public string ArtifactDirectory(string stageId, string artifact) => Environment.Store.Materialize(Stage(stageId).Outputs[artifact]);
    }

    public sealed class CapturingReporter(Action<string>? onStageLog = null) : IRunReporter
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public void Info(string message) => Lines.Enqueue(message);

        public void StageStatus(string stageId, StageStatus status, string detail) => Lines.Enqueue($"{stageId} {KebabCaseName.Of(status)} {detail}");

        public void StageLog(string stageId, string line)
        {
            Lines.Enqueue($"{stageId} | {line}");
            onStageLog?.Invoke(line);
        }
    }
}
