using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Finds the content hash of each artifact a stage consumes: from its producer in this run; or, when the producer
/// was skipped, from a downloaded copy in <c>.llmops/import/&lt;name&gt;</c> (verified against its manifest) or the
/// last copy the producer stored.
/// </summary>
internal sealed class InputResolver(RunEnvironment environment)
{
    public (Dictionary<string, string>? Hashes, string? Problem) Resolve(
        PlannedStage entry,
        ExecutionPlan plan,
        Func<PlannedStage, StageOutcome?> outcomeOf)
    {
        var hashes = new Dictionary<string, string>();
        foreach (var artifact in entry.Stage.Definition.ConsumedArtifacts)
        {
            var producer = plan.Graph.ProducerOf(entry.Stage.Pipeline, artifact)!;
            var producerEntry = plan.Find(producer);
            var outcome = producerEntry is null ? null : outcomeOf(producerEntry);
            if (outcome is { IsUsable: true } && outcome.Outputs.TryGetValue(artifact.Name, out var hash))
            {
                hashes[artifact.Name] = hash;
                continue;
            }

            if (outcome is { IsFailure: true })
            {
                return (null, $"input artifact '{artifact.Name}' is unavailable because {producer.Id} did not succeed");
            }

            var found = FromElsewhere(entry.Stage.Pipeline, artifact, out var problem);
            if (found is null)
            {
                return (null, problem ?? $"input artifact '{artifact.Name}' is unavailable: {producer.Id} was skipped ({producerEntry?.SkipReason}) and no earlier output or downloaded copy exists. Run {producer.Name} first, or place its exported artifact in .llmops/import/{artifact.Name}");
            }

            hashes[artifact.Name] = found;
        }

        return (hashes, null);
    }

    private string? FromElsewhere(PipelineModel pipeline, ArtifactRef artifact, out string? problem)
    {
        problem = null;
        var imported = Path.Combine(environment.Options.ImportDirectory, artifact.Name);
        if (Directory.Exists(imported))
        {
            try
            {
                return environment.Store.Import(imported, artifact.Name, artifact.Kind);
            }
            catch (InvalidDataException e)
            {
                problem = $"downloaded artifact '{artifact.Name}' was rejected: {e.Message}";
                return null;
            }
        }

        var reference = environment.Store.GetRef(pipeline.Name, artifact.Name);
        if (reference is not null && environment.Store.Verify(reference, artifact.Name, artifact.Kind) is null)
        {
            return reference;
        }

        return null;
    }
}
