using System.Text;

namespace LlmOps.Cli.Plans;

/// <summary>
/// Renders a <see cref="PlanDiffResult"/> as Markdown for a pull request comment. The first line is a marker the CI
/// job finds to update its one comment instead of adding another on every push.
/// </summary>
public static class PlanDiffMarkdown
{
    /// <summary>The hidden marker that opens every rendered diff.</summary>
    public const string Marker = "<!-- llmops-plan-diff -->";

    /// <summary>The Markdown for <paramref name="diff"/> between <paramref name="baseName"/> and the change.</summary>
    public static string Render(PlanDiffResult diff, string baseName)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        text.AppendLine(Marker);
        text.AppendLine($"### LlmOps plan diff against `{Escape(baseName)}`");
        text.AppendLine();
        if (diff.IsEmpty)
        {
            text.AppendLine("This change leaves every pipeline's plan as it was: no stage, parameter default, cache key or CI job changes.");
            return text.ToString();
        }

        Section(text, "Call-outs", diff.CallOuts.Select(Escape));
        Section(text, "Problems", diff.Problems.Select(p => Escape(p)));
        Section(text, "Re-runs", diff.ReRuns.Select(r =>
            $"**{r.Id}**{(r.OnlyUpstream ? " (only because of upstream)" : "")}: {Escape(string.Join("; ", r.Reasons))}{(r.Deferred is null ? "" : $" — and decided at run time: {Escape(r.Deferred)}")}"));
        Section(text, "Pipelines", diff.Pipelines.Select(p => $"{p.Kind.ToString().ToLowerInvariant()}: **{p.Name}**"));
        Section(text, "Stages", diff.Stages.Select(s =>
            $"{Verb(s.Kind)} **{s.Id}**{(s.OldId is null ? "" : $" (was {s.OldId})")}{(s.Details.Count == 0 ? "" : ": " + Escape(string.Join("; ", s.Details)))}"));
        Section(text, "Parameter defaults", diff.Parameters.Select(p => p.Kind switch
        {
            ChangeKind.Added => $"added `{p.Pipeline}.{p.Name}` = `{p.NewDefault ?? "(secret)"}`",
            ChangeKind.Removed => $"removed `{p.Pipeline}.{p.Name}` (was `{p.OldDefault ?? "(secret)"}`)",
            _ => $"`{p.Pipeline}.{p.Name}`: `{p.OldDefault ?? "(secret)"}` → `{p.NewDefault ?? "(secret)"}`{(p.Direction is null ? "" : $" ({p.Direction})")}{(p.ReadBy.Count == 0 ? "" : $", read by {string.Join(", ", p.ReadBy)}")}",
        }));
        Section(text, "CI jobs", diff.Jobs.Select(j => $"{Verb(j.Kind)} `{j.File}`: {(j.Job == WorkflowJobs.Header ? "triggers and settings" : $"job `{j.Job}`")}"));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var items = lines.ToList();
        if (items.Count == 0)
        {
            return;
        }

        text.AppendLine($"#### {title}");
        text.AppendLine();
        foreach (var item in items)
        {
            text.AppendLine("- " + item);
        }

        text.AppendLine();
    }

    private static string Verb(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        ChangeKind.Renamed => "renamed",
        _ => "changed",
    };

    // Text from pipelines (descriptions, rule texts) must not open HTML or close the marker comment in the PR.
    private static string Escape(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
