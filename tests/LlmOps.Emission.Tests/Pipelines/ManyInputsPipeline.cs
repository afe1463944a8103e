using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>Eleven parameters: one more than GitHub accepts as workflow_dispatch inputs.</summary>
public sealed class ManyInputsPipeline : Pipeline, IHasWorkflows
{
    [Parameter("p")] public int P1 { get; set; } = 1;
    [Parameter("p")] public int P2 { get; set; } = 2;
    [Parameter("p")] public int P3 { get; set; } = 3;
    [Parameter("p")] public int P4 { get; set; } = 4;
    [Parameter("p")] public int P5 { get; set; } = 5;
    [Parameter("p")] public int P6 { get; set; } = 6;
    [Parameter("p")] public int P7 { get; set; } = 7;
    [Parameter("p")] public int P8 { get; set; } = 8;
    [Parameter("p")] public int P9 { get; set; } = 9;
    [Parameter("p")] public int P10 { get; set; } = 10;
    [Parameter("p")] public int P11 { get; set; } = 11;

    /// <summary>When set, only P1 and P11 are offered.</summary>
    public static bool Choose { get; set; }

    public Stage Sum => _ => _
        .Executes(ctx => ctx.Log($"{P1 + P2 + P3 + P4 + P5 + P6 + P7 + P8 + P9 + P10 + P11}"));

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        Choose
            ? GitHubActions.Workflow("many").OnManualDispatch(() => P1, () => P11).Runs(Sum)
            : GitHubActions.Workflow("many").OnManualDispatch().Runs(Sum),
    ];
}
