using LlmOps.Dsl;
using LlmOps.Emission;
using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Cli.Plans;

/// <summary>
/// Describes the loaded pipelines as a <see cref="PlanSnapshot"/>: defaults only, so what this machine's environment
/// or parameters file says cannot show up as a change between commits.
/// </summary>
public static class PlanExport
{
    /// <summary>
    /// <c>--plan-json [file]</c>: writes the snapshot of <paramref name="models"/>' classes, loaded again with
    /// defaults, to <paramref name="path"/> (atomically), or to <paramref name="output"/> when no file is named.
    /// </summary>
    public static async Task<int> WriteAsync(string rootDirectory, IReadOnlyList<PipelineModel> models, IReadOnlyList<string> failures, string path, TextWriter output)
    {
        var snapshot = await SnapshotAsync(PipelineLoader.LoadAll(models.Select(m => m.Type), ParameterSources.Empty(rootDirectory)), rootDirectory, failures);
        var json = PlanJson.Write(snapshot);
        if (path == "true")
        {
            output.WriteLine(json);
        }
        else
        {
            AtomicFile.WriteAllText(Path.GetFullPath(path, rootDirectory), json);
        }

        return 0;
    }

    /// <summary>The snapshot of <paramref name="pipelines"/> (loaded with defaults) under <paramref name="rootDirectory"/>.</summary>
    /// <param name="pipelines">The pipelines, loaded with <see cref="ParameterSources.Empty"/>.</param>
    /// <param name="rootDirectory">The repository root: input files are hashed and workflows generated against it.</param>
    /// <param name="failures">Pipelines that failed to define, in words.</param>
    public static async Task<PlanSnapshot> SnapshotAsync(IReadOnlyList<PipelineModel> pipelines, string rootDirectory, IReadOnlyList<string> failures)
    {
        var graph = StageGraph.Build(pipelines);
        // An accelerator only, never saved: the export must not write into the repository's state.
        var hashes = FileHashCache.Load(Path.Combine(Path.GetTempPath(), $"llmops-plan-hashes-{Guid.NewGuid():N}.json"));
        var keys = new StageKeyBuilder(rootDirectory, hashes, secretSalt: "");
        var snapshots = new List<PipelineSnapshot>();
        foreach (var pipeline in pipelines)
        {
            var stages = new List<StageSnapshot>();
            foreach (var stage in pipeline.Stages)
            {
                stages.Add(await StageAsync(graph, stage, keys));
            }

            snapshots.Add(new PipelineSnapshot(
                pipeline.Name,
                pipeline.Type.FullName ?? pipeline.Type.Name,
                pipeline.Parameters.Select(p => new ParameterSnapshot(p.Name, p.TypeName, p.IsSecret ? null : ParameterValues.Format(p.DefaultValue), p.IsSecret, p.Description)).ToList(),
                stages));
        }

        var problems = failures.ToList();
        var workflows = new List<WorkflowSnapshot>();
        try
        {
            workflows.AddRange(WorkflowGenerator.Generate(pipelines, rootDirectory).Select(f => new WorkflowSnapshot(f.Path, WorkflowJobs.Split(f.Content))));
        }
        catch (EmissionException e)
        {
            problems.Add($"workflows: {e.Message}");
        }

        return new PlanSnapshot(PlanSnapshot.CurrentFormat, snapshots, workflows, problems);
    }

    private static async Task<StageSnapshot> StageAsync(StageGraph graph, StageModel stage, StageKeyBuilder keys)
    {
        var definition = stage.Definition;
        var node = graph[stage];
        // An artifact's content is only known once its producer ran; the producer names it, and the diff carries a
        // producer's key change on to its consumers.
        var artifacts = definition.ConsumedArtifacts.ToDictionary(
            a => a.Name,
            a => graph.ProducerOf(stage.Pipeline, a) is { } producer ? "from " + producer.Id : "(no producer)");
        var (parts, deferred) = await keys.PartsAsync(stage, artifacts, new PlanKeyContext(stage.Id));
        // A path a definition made absolute (a deployment folder under the root) names the checkout; the base is
        // checked out elsewhere, so paths are compared relative to each side's root.
        var root = Path.TrimEndingDirectorySeparator(keys.RootDirectory) + Path.DirectorySeparatorChar;
        string Relative(string text) => text.Replace(root, "", StringComparison.Ordinal);
        var key = parts.ToDictionary(
            kv => Relative(kv.Key),
            kv => kv.Key.StartsWith("env:", StringComparison.Ordinal) ? "(declared; its value is read when the stage runs)"
                : kv.Value.StartsWith("secret:", StringComparison.Ordinal) && kv.Key.StartsWith("param:", StringComparison.Ordinal) ? "(secret)"
                : Relative(kv.Value));
        return new StageSnapshot(
            stage.Id,
            definition.DescriptionText,
            node.Dependencies.Select(d => d.Id).ToList(),
            node.Triggers.Select(t => t.Id).ToList(),
            definition.ConsumedArtifacts.Select(a => a.ToString()).ToList(),
            definition.ProducedArtifacts.Select(a => a.ToString()).ToList(),
            definition.InputPaths.Select(Relative).ToList(),
            definition.AttachedFeatures.OfType<IPlanAnnotation>().Select(a => Relative(a.PlanAnnotation)).ToList(),
            new SortedDictionary<string, string>(key, StringComparer.Ordinal),
            deferred,
            definition.NotCachedReason);
    }

    // A dry run's view: features report what they know without pulling images or hashing a champion.
    private sealed class PlanKeyContext(string stageName) : CacheKeyContext
    {
        public override string StageName => stageName;

        public override bool IsDryRun => true;

        public override CancellationToken CancellationToken => CancellationToken.None;

        public override void Log(string message)
        {
        }

        public override Task<string> ResolveOnceAsync(string key, Func<CancellationToken, Task<string>> resolve) =>
            throw new InvalidOperationException($"{stageName}: a plan export must not resolve '{key}'");
    }
}
