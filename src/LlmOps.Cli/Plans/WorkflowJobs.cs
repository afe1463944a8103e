using System.Text.RegularExpressions;

namespace LlmOps.Cli.Plans;

/// <summary>
/// Splits a generated CI file into its jobs by the shapes the emitters write: a GitHub job is a key two spaces in
/// under <c>jobs:</c>, an Azure job a <c>- job:</c> or <c>- deployment:</c> item. Whatever precedes the first job
/// (triggers, permissions, variables) is the <c>(workflow)</c> entry, and an Azure stage header belongs to it too.
/// </summary>
public static partial class WorkflowJobs
{
    /// <summary>The entry holding what is not part of a job.</summary>
    public const string Header = "(workflow)";

    /// <summary>The file's jobs by name, each with its YAML text.</summary>
    public static IReadOnlyDictionary<string, string> Split(string content)
    {
        var jobs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal) { [Header] = [] };
        var current = Header;
        var inGitHubJobs = false;
        foreach (var line in content.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inGitHubJobs = line == "jobs:";
                current = Header;
            }
            else if (inGitHubJobs && GitHubJob().Match(line) is { Success: true } github)
            {
                current = github.Groups[1].Value;
            }
            else if (AzureJob().Match(line) is { Success: true } azure)
            {
                current = azure.Groups[1].Value;
            }
            else if (AzureStage().IsMatch(line))
            {
                current = Header;
            }

            if (!jobs.TryGetValue(current, out var lines))
            {
                jobs[current] = lines = [];
            }

            lines.Add(line);
        }

        return jobs.ToDictionary(kv => kv.Key, kv => string.Join("\n", kv.Value).TrimEnd() + "\n");
    }

    [GeneratedRegex(@"^  ([A-Za-z0-9_.-]+):\s*$")]
    private static partial Regex GitHubJob();

    [GeneratedRegex(@"^\s+- (?:job|deployment): (\S+)\s*$")]
    private static partial Regex AzureJob();

    [GeneratedRegex(@"^\s+- stage: ")]
    private static partial Regex AzureStage();
}
