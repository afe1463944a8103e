using System.Net;
using System.Text;
using Markdig;

namespace LlmOps.Execution;

/// <summary>What the run report shows beside the run record: the plan's edges and each stage's summary.</summary>
/// <param name="Dependencies">Each planned stage's dependencies, by id, in plan order.</param>
/// <param name="Summaries">Each stage's summary Markdown (already masked), by id.</param>
public sealed record RunReportContext(IReadOnlyList<(string Stage, IReadOnlyList<string> DependsOn)> Dependencies, IReadOnlyDictionary<string, string> Summaries);

/// <summary>The story sections of the run report: the plan with status, the parameters, each stage's summary and log.</summary>
internal static class RunReportSections
{
    // Raw HTML in a summary is shown as text: the report carries no markup a stage did not get from Markdown.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().DisableHtml().Build();

    /// <summary>The plan as a list in order: each stage with its status and what it waited for.</summary>
    public static string Plan(RunRecord run, RunReportContext context)
    {
        var status = run.Stages.ToDictionary(s => s.Id, s => s.Status);
        var html = new StringBuilder("<h2>Plan</h2><ol class=\"plan\">");
        foreach (var (stage, dependsOn) in context.Dependencies)
        {
            var state = status.TryGetValue(stage, out var s) ? KebabCaseName.Of(s) : "not-planned";
            html.Append("<li data-stage=\"").Append(E(stage)).Append("\" data-status=\"").Append(state).Append("\"><span class=\"").Append(state).Append("\">●</span> <b>")
                .Append(E(stage)).Append("</b> <span class=\"").Append(state).Append("\">").Append(state).Append("</span>");
            if (dependsOn.Count > 0)
            {
                html.Append(" ← ").Append(string.Join(", ", dependsOn.Select(d => $"<span class=\"{(status.TryGetValue(d, out var ds) ? KebabCaseName.Of(ds) : "")}\">{E(d)}</span>")));
            }

            html.Append("</li>");
        }

        return html.Append("</ol>").ToString();
    }

    /// <summary>The run's parameters with where each value came from (secrets are masked in the record).</summary>
    public static string Parameters(RunRecord run)
    {
        var html = new StringBuilder("<h2>Parameters</h2><table class=\"parameters\"><tr><th>Parameter</th><th>Value</th><th>Source</th></tr>");
        foreach (var (name, recorded) in run.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // The record keeps "value (source)"; the source is the last parenthesis.
            var open = recorded.EndsWith(')') ? recorded.LastIndexOf(" (", StringComparison.Ordinal) : -1;
            var (value, source) = open >= 0 ? (recorded[..open], recorded[(open + 2)..^1]) : (recorded, "");
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(value)).Append("</td><td>").Append(E(source)).Append("</td></tr>");
        }

        return html.Append("</table><p>Arguments: <code>").Append(E(string.Join(" ", run.Arguments))).Append("</code></p>").ToString();
    }

    /// <summary>Each stage's summary rendered from Markdown, with a link to its log.</summary>
    public static string Stages(RunRecord run, RunReportContext context)
    {
        var html = new StringBuilder("<h2>Stage summaries</h2>");
        foreach (var stage in run.Stages)
        {
            html.Append("<section class=\"stage\" data-stage=\"").Append(E(stage.Id)).Append("\"><h3>").Append(E(stage.Id)).Append(" <span class=\"")
                .Append(KebabCaseName.Of(stage.Status)).Append("\">").Append(KebabCaseName.Of(stage.Status)).Append("</span></h3>");
            if (stage.Log is { } log)
            {
                html.Append("<p><a class=\"log\" href=\"").Append(E(log.Replace('\\', '/'))).Append("\">log</a></p>");
            }

            if (context.Summaries.TryGetValue(stage.Id, out var markdown))
            {
                html.Append("<div class=\"summary\">").Append(Markdig.Markdown.ToHtml(markdown, Markdown)).Append("</div>");
            }

            html.Append("</section>");
        }

        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
