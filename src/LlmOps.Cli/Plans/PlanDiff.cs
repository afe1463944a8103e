using System.Globalization;

namespace LlmOps.Cli.Plans;

/// <summary>
/// Compares two <see cref="PlanSnapshot"/>s: a pure function of the two, so every rule of the comparison is tested
/// without building anything.
/// </summary>
public static class PlanDiff
{
    /// <summary>What changes from <paramref name="before"/> (the base) to <paramref name="after"/> (the change).</summary>
    public static PlanDiffResult Compare(PlanSnapshot before, PlanSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var pipelines = Sets.Compare(before.Pipelines.Select(p => p.Name), after.Pipelines.Select(p => p.Name));
        var oldStages = before.Pipelines.SelectMany(p => p.Stages).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var newStages = after.Pipelines.SelectMany(p => p.Stages).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var renames = StageRenames.Find(oldStages, newStages);

        var stages = new List<StageChange>();
        foreach (var stage in after.Pipelines.SelectMany(p => p.Stages))
        {
            if (renames.TryGetValue(stage.Id, out var oldId))
            {
                stages.Add(new StageChange(stage.Id, ChangeKind.Renamed, oldId, StageDetails.Between(oldStages[oldId], stage)));
            }
            else if (!oldStages.TryGetValue(stage.Id, out var old))
            {
                stages.Add(new StageChange(stage.Id, ChangeKind.Added, null, StageDetails.Of(stage)));
            }
            else if (StageDetails.Between(old, stage) is { Count: > 0 } details)
            {
                stages.Add(new StageChange(stage.Id, ChangeKind.Changed, null, details));
            }
        }

        var renamedFrom = renames.Values.ToHashSet(StringComparer.Ordinal);
        stages.AddRange(oldStages.Values.Where(s => !newStages.ContainsKey(s.Id) && !renamedFrom.Contains(s.Id)).Select(s => new StageChange(s.Id, ChangeKind.Removed, null, StageDetails.Of(s))));

        var parameters = ParameterChanges(before, after);
        var reRuns = KeyChanges.ReRuns(oldStages, after, renames);
        var jobs = JobChanges(before.Workflows, after.Workflows);
        var problems = before.Failures.Select(f => "base: " + f).Concat(after.Failures.Select(f => "change: " + f)).ToList();
        return new PlanDiffResult(CallOuts.Find(parameters, stages, oldStages, newStages, renames), pipelines, stages, parameters, reRuns, jobs, problems);
    }

    private static List<ParameterChange> ParameterChanges(PlanSnapshot before, PlanSnapshot after)
    {
        var changes = new List<ParameterChange>();
        var oldPipelines = before.Pipelines.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var pipeline in after.Pipelines)
        {
            if (!oldPipelines.TryGetValue(pipeline.Name, out var old))
            {
                continue;
            }

            var oldParameters = old.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var parameter in pipeline.Parameters)
            {
                var readBy = pipeline.Stages.Where(s => s.CacheKey.ContainsKey("param:" + parameter.Name)).Select(s => s.Id).ToList();
                if (!oldParameters.Remove(parameter.Name, out var was))
                {
                    changes.Add(new ParameterChange(pipeline.Name, parameter.Name, ChangeKind.Added, null, parameter.Default, null, readBy));
                }
                else if (was.Default != parameter.Default || was.Type != parameter.Type || was.Secret != parameter.Secret)
                {
                    changes.Add(new ParameterChange(pipeline.Name, parameter.Name, ChangeKind.Changed, was.Default, parameter.Default, Direction(was.Default, parameter.Default), readBy));
                }
            }

            changes.AddRange(oldParameters.Values.Select(p => new ParameterChange(pipeline.Name, p.Name, ChangeKind.Removed, p.Default, null, null, [])));
        }

        return changes;
    }

    private static string? Direction(string? before, string? after) =>
        double.TryParse(before, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && a != b
            ? a < b ? "lowered" : "raised"
            : null;

    private static List<JobChange> JobChanges(IReadOnlyList<WorkflowSnapshot> before, IReadOnlyList<WorkflowSnapshot> after)
    {
        var changes = new List<JobChange>();
        var old = before.ToDictionary(w => w.Path, StringComparer.Ordinal);
        foreach (var file in after)
        {
            var oldJobs = old.Remove(file.Path, out var was) ? was.Jobs : new Dictionary<string, string>();
            foreach (var (job, text) in file.Jobs)
            {
                if (!oldJobs.TryGetValue(job, out var oldText))
                {
                    changes.Add(new JobChange(file.Path, job, ChangeKind.Added));
                }
                else if (oldText != text)
                {
                    changes.Add(new JobChange(file.Path, job, ChangeKind.Changed));
                }
            }

            changes.AddRange(oldJobs.Keys.Where(j => !file.Jobs.ContainsKey(j)).Select(j => new JobChange(file.Path, j, ChangeKind.Removed)));
        }

        changes.AddRange(old.Values.SelectMany(w => w.Jobs.Keys.Select(j => new JobChange(w.Path, j, ChangeKind.Removed))));
        return changes;
    }
}
