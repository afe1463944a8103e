using LlmOps.Tracking.Runs;

namespace LlmOps.Tracking.Tests.Runs;

public sealed class RunsTableRendererTests
{
    [Fact]
    public void Each_pipeline_gets_a_table_whose_metric_columns_are_its_own_metrics()
    {
        var support = Enumerable.Range(0, 5).Select(i => Run($"2026120{i}-000000-aaaa", "Support", ("eval_accuracy", 0.9), ("eval_macro_f1", 0.8), ("train_accuracy", 0.95), ("eval_accuracy_low95", 0.85))).ToList();
        var summarize = Run("20261206-000000-bbbb", "Summarize", ("rouge_l", 0.41));

        var text = RunsTableRenderer.Render([.. support, summarize]);

        var tables = text.Split(Environment.NewLine + Environment.NewLine);
        Assert.Equal(2, tables.Length);
        var summarizeTable = Assert.Single(tables, t => t.Contains("Summarize", StringComparison.Ordinal));
        Assert.Contains("rouge_l", summarizeTable, StringComparison.Ordinal);
        Assert.Contains("0.41", summarizeTable, StringComparison.Ordinal);
        Assert.DoesNotContain("eval_accuracy", summarizeTable, StringComparison.Ordinal);
        Assert.Contains("eval_macro_f1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_are_listed_by_their_llmops_run_id_with_the_tracker_id_beside_it()
    {
        var text = RunsTableRenderer.Render([Run("20261202-005654-3f2a", "Support", ("eval_accuracy", 0.95))]);

        var row = text.Split('\n')[2];
        Assert.StartsWith("20261202-005654-3f2a  tracker-2026", row, StringComparison.Ordinal);
    }

    private static RunSummary Run(string llmopsRunId, string pipeline, params (string Key, double Value)[] metrics) => new(
        "tracker-" + llmopsRunId.Replace("-", "", StringComparison.Ordinal),
        pipeline,
        RunStatus.Finished,
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch.AddSeconds(3),
        metrics.ToDictionary(m => m.Key, m => m.Value),
        new Dictionary<string, string> { [SystemTags.PipelineRunId] = llmopsRunId });
}
