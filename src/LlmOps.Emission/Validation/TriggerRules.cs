using System.Text.RegularExpressions;
using NCrontab;

namespace LlmOps.Emission;

/// <summary>
/// Checks triggers before they are written: one filter per trigger (<see cref="TriggerCalls"/>), branch filters
/// that git could name (patterns aside), paths that say something, and cron schedules of five numeric fields that
/// both platforms accept. A bad trigger would otherwise fail on the platform, or never fire, without a word here.
/// </summary>
internal static partial class TriggerRules
{
    public static void Check(WorkflowDefinition workflow, string where)
    {
        if (!TriggerCalls.CanMerge(workflow.PushCalls.Select(c => (c.Branches, c.Paths))))
        {
            throw new EmissionException($"{where}: the OnPush calls differ in both branches and paths ({Describe(workflow.PushCalls.Select(c => (c.Branches, c.Paths)))}), which one push filter cannot express; declare a workflow per filter.");
        }

        if (!TriggerCalls.CanMerge(workflow.PullRequestCalls.Select(c => (c.Branches, c.Paths))))
        {
            throw new EmissionException($"{where}: the OnPullRequest calls differ in both branches and paths ({Describe(workflow.PullRequestCalls.Select(c => (c.Branches, c.Paths)))}), which one pull request filter cannot express; declare a workflow per filter.");
        }

        foreach (var branch in workflow.PushCalls.SelectMany(c => c.Branches).Concat(workflow.PullRequestCalls.SelectMany(c => c.Branches)))
        {
            CheckBranch(branch, where, "a branch filter");
        }

        foreach (var path in workflow.PushCalls.SelectMany(c => c.Paths).Concat(workflow.PullRequestCalls.SelectMany(c => c.Paths)))
        {
            if (path.Trim().Length == 0 || path.Any(char.IsControl))
            {
                throw new EmissionException($"{where}: the path filter '{path}' is empty or holds a control character; give a path pattern such as 'docs/**'.");
            }
        }

        foreach (var cron in workflow.Schedules)
        {
            CheckCron(cron, where);
        }
    }

    /// <summary>
    /// Checks a branch name or pattern against git's rules for ref names (<c>git check-ref-format</c>), allowing the
    /// glob characters both platforms give meaning to (<c>* ? [ ] !</c>).
    /// </summary>
    /// <param name="branch">The branch or pattern.</param>
    /// <param name="where">The workflow, for the message.</param>
    /// <param name="what">What the branch is, for the message.</param>
    public static void CheckBranch(string branch, string where, string what)
    {
        var problem = branch switch
        {
            _ when branch.Trim().Length == 0 => "is empty",
            _ when branch.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) => "holds a space or control character",
            _ when branch.IndexOfAny(['~', '^', ':', '\\', '\'', '"']) >= 0 => "holds one of ~ ^ : \\ ' \"",
            _ when branch.Contains("..", StringComparison.Ordinal) || branch.Contains("@{", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal) => "holds '..', '@{' or '//'",
            _ when branch.StartsWith('/') || branch.StartsWith('-') || branch.EndsWith('/') || branch.EndsWith('.') || branch.EndsWith(".lock", StringComparison.Ordinal) => "starts with '/' or '-', or ends with '/', '.' or '.lock'",
            _ when branch.Split('/').Any(part => part.StartsWith('.')) => "has a part that starts with '.'",
            _ => null,
        };
        if (problem is not null)
        {
            throw new EmissionException($"{where}: {what} '{branch}' {problem}, which no git branch name can; give a branch name such as 'main' or a pattern such as 'release/*'.");
        }
    }

    private static void CheckCron(string cron, string where)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var valid = fields.Length == 5 && fields.All(f => CronField().IsMatch(f))
            && CrontabSchedule.TryParse(string.Join(' ', fields), new CrontabSchedule.ParseOptions { IncludingSeconds = false }) is not null;
        if (!valid)
        {
            throw new EmissionException($"{where}: the schedule '{cron}' is not a cron expression both platforms accept; write five fields of numbers, '*', ',', '-' and '/' (minute hour day-of-month month day-of-week, UTC), e.g. '0 3 * * 1'.");
        }
    }

    private static string Describe(IEnumerable<(IReadOnlyList<string> Branches, IReadOnlyList<string> Paths)> calls) =>
        string.Join("; ", calls.Select(c => $"branches [{string.Join(", ", c.Branches)}] paths [{string.Join(", ", c.Paths)}]"));

    [GeneratedRegex(@"^[0-9*,/-]+\z")]
    private static partial Regex CronField();
}
