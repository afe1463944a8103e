using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Packaging;

/// <summary>
/// The DSL entry point of packaging:
/// <c>.Packages(Approved).Named("support-intent").ModelCard(c =&gt; ...).Evidence(Verdict).SignedWith(() =&gt; SigningKey).Produces(Package)</c>.
/// Only a model an evaluation gate blessed can be packaged: the parameter's type says so.
/// </summary>
public static class PackagingStageExtensions
{
    /// <summary>Consumes the blessed model and makes packaging it the stage's body.</summary>
    public static PackagingDefinition Packages(this IStageDefinition stage, Artifact<Blessed<ModelArtifact>> blessedModel)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(blessedModel);
        var feature = new PackagingFeature(blessedModel);
        stage.With(feature);
        stage.Consumes(blessedModel);
        return new PackagingDefinition(stage, feature);
    }
}
