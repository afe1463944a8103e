using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Planning;

public sealed class OrderingTests
{
    [Fact]
    public void Dependencies_are_pulled_in_and_ordered_before_the_target_with_ties_broken_by_declaration_order()
    {
        var plan = Plans.Plan(typeof(OrderingPipeline), "Publish");

        Assert.Equal(["Restore", "Lint", "Compile", "Package", "Publish", "Notify", "Tag"], Plans.Names(plan));
        Plans.AssertTopological(plan);
        Assert.Equal("target", plan.Find(Plans.Stage(plan.Graph, "Publish"))!.Reason);
        Assert.Equal("dependency of Ordering.Publish", plan.Find(Plans.Stage(plan.Graph, "Package"))!.Reason);
    }

    [Fact]
    public void After_and_Before_order_stages_but_do_not_pull_them_into_the_plan()
    {
        var graph = Plans.Graph(typeof(OrderingPipeline));

        Assert.Equal(["Docs"], Plans.Names(Plans.Plan(graph, "Docs")));
        Assert.Equal(["Announce"], Plans.Names(Plans.Plan(graph, "Announce")));
        Assert.DoesNotContain("Docs", Plans.Names(Plans.Plan(graph, "Compile")));
        Assert.DoesNotContain("Announce", Plans.Names(Plans.Plan(graph, "Compile")));
    }

    [Fact]
    public void After_puts_a_stage_behind_its_predecessor_when_both_run_even_when_asked_for_first()
    {
        var plan = Plans.Plan(Plans.Graph(typeof(OrderingPipeline)), "Docs", "Compile");

        Assert.Equal(["Restore", "Compile", "Docs"], Plans.Names(plan));
        var docs = plan.Find(Plans.Stage(plan.Graph, "Docs"))!;
        Assert.Empty(docs.Dependencies);
        Assert.Equal(["Compile"], docs.Predecessors.Select(p => p.Stage.Name));
    }

    [Fact]
    public void Before_puts_a_later_declared_stage_first_when_both_run()
    {
        var plan = Plans.Plan(Plans.Graph(typeof(OrderingPipeline)), "Restore", "Announce");

        Assert.Equal(["Announce", "Restore"], Plans.Names(plan));
    }

    [Fact]
    public void Triggers_and_TriggeredBy_add_the_triggered_stages_after_the_trigger()
    {
        var plan = Plans.Plan(typeof(OrderingPipeline), "Publish");
        var names = Plans.Names(plan);

        Assert.Equal("triggered by Ordering.Publish", plan.Find(Plans.Stage(plan.Graph, "Tag"))!.Reason);
        Assert.Equal("triggered by Ordering.Publish", plan.Find(Plans.Stage(plan.Graph, "Notify"))!.Reason);
        Assert.True(names.ToList().IndexOf("Tag") > names.ToList().IndexOf("Publish"));
        Assert.True(names.ToList().IndexOf("Notify") > names.ToList().IndexOf("Publish"));

        // Triggered stages do not pull their trigger in.
        Assert.Equal(["Tag"], Plans.Names(Plans.Plan(plan.Graph, "Tag")));
    }

    [Fact]
    public void Every_plan_of_every_stage_is_a_valid_topological_order()
    {
        var graph = Plans.Graph(typeof(OrderingPipeline));
        var names = graph.Stages.Select(s => s.Name).ToList();
        foreach (var first in names)
        {
            foreach (var second in names)
            {
                Plans.AssertTopological(Plans.Plan(graph, first, second));
            }
        }

        Plans.AssertTopological(Plans.Plan(graph, [.. names]));
    }

    [Fact]
    public void Stages_execute_in_an_order_the_graph_allows()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(OrderingPipeline), "Publish", "Docs", "Announce", "--parallel", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var executed = repo.Trace().Select(id => id.Split('.')[1]).ToList();
        Assert.Equal(9, executed.Count);
        var plan = Plans.Plan(Plans.Graph(typeof(OrderingPipeline)), "Publish", "Docs", "Announce");
        foreach (var entry in plan.Stages)
        {
            foreach (var predecessor in entry.Predecessors)
            {
                Assert.True(executed.IndexOf(predecessor.Stage.Name) < executed.IndexOf(entry.Stage.Name), $"{predecessor} ran after {entry}: {string.Join(", ", executed)}");
            }
        }
    }
}
