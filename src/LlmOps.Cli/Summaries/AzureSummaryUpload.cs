using LlmOps.Execution;

namespace LlmOps.Cli;

/// <summary>Announces each stage's summary file to Azure Pipelines, which shows it on the run's page.</summary>
/// <param name="output">Where the logging command is written (the agent reads the step's output).</param>
internal sealed class AzureSummaryUpload(TextWriter output) : ISummarySink
{
    public void Publish(string stageId, string markdown, string summaryFile)
    {
        lock (output)
        {
            output.WriteLine($"##vso[task.uploadsummary]{summaryFile}");
        }
    }
}
