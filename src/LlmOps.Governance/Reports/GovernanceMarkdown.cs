using System.Text;

namespace LlmOps.Governance;

/// <summary>The record as Markdown for the CI job summary: one row per rule, the approval and the audit head.</summary>
public static class GovernanceMarkdown
{
    /// <summary>The Markdown file's name.</summary>
    public const string FileName = "governance.md";

    /// <summary>Renders <paramref name="record"/>.</summary>
    public static string Render(GovernanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder();
        text.Append($"### Governance {record.Stage} ({record.Phase}): {(record.Passed ? "passed" : "FAILED")}\n\n");
        text.Append($"Package **{Cell(record.Package.Name)} {Cell(record.Package.Version)}** `{record.Package.Digest}`, run {Cell(record.RunId)}, commit `{Short(record.Commit)}`.\n\n");
        text.Append("| rule | result | detail |\n|---|---|---|\n");
        foreach (var rule in record.Rules)
        {
            text.Append($"| {Cell(rule.Rule)} | {(rule.Result.Passed ? "pass" : "**FAIL**")} | {Cell(rule.Result.Detail)} |\n");
        }

        if (record.Approval is { } a)
        {
            text.Append($"\nApproved for **{Cell(a.Environment)}** by {Cell(a.Approver)} ({a.Source}) at {a.When.UtcDateTime:u}: {Cell(a.Reason)}{(a.Link is null ? "" : $" ([run]({a.Link}))")}\n");
        }

        if (record.Audit is { } head)
        {
            text.Append($"\nAudit trail head: seq {head.Seq}, `{Short(head.Hash)}`.\n");
        }

        return text.ToString();
    }

    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    internal static string Short(string hex) => hex.Length > 12 ? hex[..12] : hex;
}
