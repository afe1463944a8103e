using System.Text;

namespace LlmOps.Planning;

/// <summary>Renders a plan for the terminal: the execution order, then the dependency tree of each target.</summary>
public static class PlanTextRenderer
{
    /// <summary>Renders <paramref name="plan"/> as plain text.</summary>
    public static string Render(ExecutionPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine($"Execution order ({plan.Stages.Count} stages):");
        var width = plan.Stages.Count == 0 ? 0 : plan.Stages.Max(s => s.Id.Length);
        var number = 0;
        foreach (var entry in plan.Stages)
        {
            var state = entry.SkipReason is null ? entry.Reason : $"skip: {entry.SkipReason}";
            var waits = entry.Predecessors.Count == 0 ? "" : $"  (after {string.Join(", ", entry.Predecessors.Select(p => p.Stage.Name))})";
            text.AppendLine($"  {++number,3}. {entry.Id.PadRight(width)}  {state}{waits}");
        }

        text.AppendLine();
        text.AppendLine("Dependency tree:");
        var shown = new HashSet<PlannedStage>();
        foreach (var target in plan.Targets.Select(plan.Find).OfType<PlannedStage>())
        {
            Tree(text, target, "", "", shown);
        }

        return text.ToString();
    }

    private static void Tree(StringBuilder text, PlannedStage entry, string lead, string childLead, HashSet<PlannedStage> shown)
    {
        var description = entry.Stage.Definition.DescriptionText;
        var skip = entry.SkipReason is null ? "" : $" [skip: {entry.SkipReason}]";
        if (!shown.Add(entry))
        {
            text.AppendLine($"{lead}{entry.Id} (see above)");
            return;
        }

        var notes = string.Join("; ", Annotations(entry.Stage));
        text.AppendLine($"{lead}{entry.Id}{(description.Length > 0 ? " — " + description : "")}{(notes.Length > 0 ? $" [{notes}]" : "")}{skip}");
        for (var i = 0; i < entry.Dependencies.Count; i++)
        {
            var last = i == entry.Dependencies.Count - 1;
            Tree(text, entry.Dependencies[i], childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "), shown);
        }
    }

    /// <summary>What the stage's features say about where and on what it runs.</summary>
    public static IEnumerable<string> Annotations(StageModel stage) =>
        stage.Definition.Features.Values.OfType<Dsl.IPlanAnnotation>().Select(a => a.PlanAnnotation).Where(a => a.Length > 0).Order(StringComparer.Ordinal);
}
