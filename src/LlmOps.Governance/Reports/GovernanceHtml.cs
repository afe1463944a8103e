using System.Net;
using System.Text;

namespace LlmOps.Governance;

/// <summary>
/// The record as a self-contained HTML section (a <c>&lt;section&gt;</c> with inline styles, no scripts), written as
/// <c>governance.html</c> beside the record: the run report has no hook for a kind's section, so it is its own file.
/// </summary>
public static class GovernanceHtml
{
    /// <summary>The HTML file's name.</summary>
    public const string FileName = "governance.html";

    /// <summary>Renders <paramref name="record"/>.</summary>
    public static string Render(GovernanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var html = new StringBuilder();
        html.Append("<section class=\"governance\" style=\"font:14px system-ui,sans-serif\">")
            .Append("<h2>Governance ").Append(E(record.Stage)).Append(" (").Append(E(record.Phase)).Append("): <span style=\"color:")
            .Append(record.Passed ? "#1a7f37\">passed" : "#cf222e\">failed").Append("</span></h2>")
            .Append("<p>Package <b>").Append(E(record.Package.Name)).Append(' ').Append(E(record.Package.Version)).Append("</b> <code>").Append(E(record.Package.Digest))
            .Append("</code> · run ").Append(E(record.RunId)).Append(" · commit <code>").Append(E(GovernanceMarkdown.Short(record.Commit))).Append("</code></p>")
            .Append("<table style=\"border-collapse:collapse\"><tr><th align=\"left\">Rule</th><th align=\"left\">Result</th><th align=\"left\">Detail</th><th align=\"left\">Evidence</th></tr>");
        foreach (var rule in record.Rules)
        {
            html.Append("<tr style=\"border-bottom:1px solid #ddd\"><td>").Append(E(rule.Rule)).Append("</td><td style=\"color:")
                .Append(rule.Result.Passed ? "#1a7f37\">pass" : "#cf222e\">FAIL").Append("</td><td>").Append(E(rule.Result.Detail)).Append("</td><td><small>")
                .Append(string.Join("<br>", rule.Result.Evidence.Select(x => $"{E(x.Key)}: {E(x.Value)}"))).Append("</small></td></tr>");
        }

        html.Append("</table>");
        if (record.Approval is { } a)
        {
            html.Append("<p>Approved for <b>").Append(E(a.Environment)).Append("</b> by ").Append(E(a.Approver)).Append(" (").Append(E(a.Source)).Append(") at ")
                .Append(E(a.When.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture))).Append(": ").Append(E(a.Reason)).Append("</p>");
        }

        if (record.Audit is { } head)
        {
            html.Append("<p>Audit trail head: seq ").Append(head.Seq).Append(", <code>").Append(E(head.Hash)).Append("</code></p>");
        }

        return html.Append("</section>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
