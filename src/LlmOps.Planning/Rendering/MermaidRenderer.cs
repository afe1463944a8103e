using System.Text;

namespace LlmOps.Planning;

/// <summary>Renders a plan as a Mermaid flowchart: solid edges for dependencies (labelled with artifacts), dotted for ordering.</summary>
public static class MermaidRenderer
{
    /// <summary>Renders <paramref name="plan"/> as Mermaid source.</summary>
    public static string Render(ExecutionPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine("flowchart TD");
        foreach (var entry in plan.Stages)
        {
            var description = entry.Stage.Definition.DescriptionText;
            var label = Escape(entry.Id) + (description.Length > 0 ? "<br/><small>" + Escape(description) + "</small>" : "");
            text.AppendLine($"    {NodeId(entry)}[\"{label}\"]");
        }

        foreach (var entry in plan.Stages)
        {
            var node = plan.Graph[entry.Stage];
            foreach (var predecessor in entry.Predecessors)
            {
                if (entry.Dependencies.Contains(predecessor))
                {
                    var artifact = node.ImpliedBy.GetValueOrDefault(predecessor.Stage);
                    text.AppendLine(artifact is null
                        ? $"    {NodeId(predecessor)} --> {NodeId(entry)}"
                        : $"    {NodeId(predecessor)} -->|{Escape(artifact)}| {NodeId(entry)}");
                }
                else
                {
                    text.AppendLine($"    {NodeId(predecessor)} -.-> {NodeId(entry)}");
                }
            }
        }

        var skipped = plan.Stages.Where(s => s.SkipReason is not null).Select(NodeId).ToList();
        if (skipped.Count > 0)
        {
            text.AppendLine("    classDef skipped fill:#eeeeee,stroke:#999999,stroke-dasharray: 4 4,color:#666666");
            text.AppendLine($"    class {string.Join(",", skipped)} skipped");
        }

        return text.ToString();
    }

    private static string NodeId(PlannedStage entry) => entry.Id.Replace('.', '_');

    private static string Escape(string text) => text.Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("|", "#124;");
}
