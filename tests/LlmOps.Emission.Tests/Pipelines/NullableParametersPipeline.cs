using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>
/// Parameters without a default, or with an empty one, of every kind an input can be. Azure offers all of them (the
/// <c>(default)</c> marker stands for "unset"); a GitHub boolean or choice input cannot be left unset, so the GitHub
/// workflow offers only the others (InputDefaultRules refuses the nullable bool and enum there).
/// </summary>
public sealed class NullableParametersPipeline : Pipeline, IHasWorkflows
{
    [Parameter("Use LoRA adapters; unset means the trainer decides")]
    public bool? UseLora { get; set; }

    [Parameter("Numeric precision; unset means the model's own")]
    public Precision? Precision { get; set; }

    [Parameter("Random seed; unset means a fresh one")]
    public int? Seed { get; set; }

    [Parameter("Run tag")]
    public string? Tag { get; set; }

    [Parameter("Notes")]
    public string Notes { get; set; } = "";

    [Parameter("Dry run")]
    public bool DryRun { get; set; }

    public Stage Train => _ => _.Executes(ctx => ctx.Log($"{UseLora} {Precision} {Seed} {Tag} {Notes} {DryRun}"));

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        AzurePipelines.Pipeline("nullable").OnPush("main").OnManualDispatch().Runs(Train),
        GitHubActions.Workflow("nullable").OnPush("main").OnManualDispatch(() => Seed, () => Tag, () => Notes, () => DryRun).Runs(Train),
    ];
}
