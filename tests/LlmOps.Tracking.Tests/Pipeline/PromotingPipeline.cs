using LlmOps.Dsl;
using LlmOps.Tracking.Registry;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// Packages a model (registered as a model version by the tracker) and promotes the version this run registered or
/// used: alias <c>champion</c> and a tag, through the stage-facing model registry.
/// </summary>
public sealed class PromotingPipeline : Dsl.Pipeline
{
    internal const string ModelName = "promo-model";

    [Parameter("What the package's weights file holds")]
    readonly string Weights = "w1";

    Artifact<PackageArtifact> Package => new(ModelName);

    public override string Directory => ".";

    Stage Pack => _ => _
        .Description("Packages the weights")
        .Produces(Package)
        .Executes(ctx => File.WriteAllText(ctx.Output(Package).File("weights.bin"), Weights));

    Stage Promote => _ => _
        .Description("Points champion at this run's version")
        .Consumes(Package)
        .NotCached("moving an alias is a side effect every run must have")
        .Executes(async ctx =>
        {
            var registry = ctx.ModelRegistry();
            var token = ctx.CancellationToken;
            var version = await registry.FindRunVersionAsync(ModelName, token)
                ?? throw new StageFailedException($"this run registered no version of {ModelName}");

            // challenger is set and removed again, so the end state shows that deleting works too.
            await registry.SetAliasAsync(ModelName, "challenger", version, token);
            await registry.SetAliasAsync(ModelName, "champion", version, token);
            await registry.DeleteAliasAsync(ModelName, "challenger", token);
            await registry.SetVersionTagAsync(ModelName, version, "llmops.promoted_by", ctx.StageName, token);
            await registry.SetVersionTagAsync(ModelName, version, "weights", Weights, token);
            ctx.Log($"champion is version {await registry.GetAliasAsync(ModelName, "champion", token)} at {registry.Location}; challenger: {await registry.GetAliasAsync(ModelName, "challenger", token) ?? "none"}");
        });
}
