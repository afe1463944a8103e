using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

public sealed class PlanOutputTests
{
    [Fact]
    public void Plan_prints_the_order_and_tree_and_writes_a_mermaid_file_without_running_anything()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline), "Use", "--plan");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Execution order (3 stages):", result.Output);
        Assert.Matches(@"1\. Wiring\.Make\s+dependency of Wiring\.Use", result.Output);
        Assert.Matches(@"3\. Wiring\.Use\s+target\s+\(after Fit, Make\)", result.Output);
        Assert.Contains("Dependency tree:\nWiring.Use\n├─ Wiring.Fit\n│  └─ Wiring.Make\n└─ Wiring.Make (see above)", result.Output.Replace("\r", ""));
        Assert.Contains("Mermaid diagram written to .llmops/plan.mmd", result.Output);
        var mermaid = repo.Read(".llmops/plan.mmd");
        Assert.StartsWith("flowchart TD", mermaid);
        Assert.Contains("Wiring_Make -->|data| Wiring_Fit", mermaid);
        Assert.Contains("Wiring_Fit -->|model| Wiring_Use", mermaid);
        Assert.Contains("Wiring_Make -->|data| Wiring_Use", mermaid);
        Assert.Empty(repo.Trace());
        Assert.Equal(0, repo.RunCount);
    }

    [Fact]
    public void The_mermaid_file_draws_ordering_edges_dotted_and_marks_skipped_stages()
    {
        using var repo = new TempRepo();

        Assert.Equal(0, repo.Run(typeof(OrderingPipeline), "Docs", "Compile", "--plan").ExitCode);
        var ordering = repo.Read(".llmops/plan.mmd");
        Assert.Equal(0, repo.Run(typeof(ConditionPipeline), "Shard", "Prepare", "--plan").ExitCode);
        var conditions = repo.Read(".llmops/plan.mmd");

        Assert.Contains("Ordering_Compile -.-> Ordering_Docs", ordering);
        Assert.Contains("Ordering_Restore --> Ordering_Compile", ordering);
        Assert.Contains("class Condition_Shard skipped", conditions);
    }

    [Fact]
    public void Plan_shows_skip_reasons_of_static_conditions()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ConditionPipeline), "Shard", "--plan");

        Assert.Contains("skip: condition 'Shards > 0' is false", result.Output);
    }
}
