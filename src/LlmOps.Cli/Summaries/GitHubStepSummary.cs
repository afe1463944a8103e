using LlmOps.Execution;

namespace LlmOps.Cli;

/// <summary>Appends stage summaries to GitHub Actions' job summary file (<c>GITHUB_STEP_SUMMARY</c>).</summary>
/// <param name="path">The file GitHub gives the step.</param>
internal sealed class GitHubStepSummary(string path) : ISummarySink
{
    // Parallel stages append to the one job summary; unserialised, one append could fail on the other's file lock
    // or land in the middle of it.
    private readonly Lock _gate = new();

    public void Publish(string stageId, string markdown, string summaryFile)
    {
        lock (_gate)
        {
            File.AppendAllText(path, markdown + Environment.NewLine);
        }
    }
}
