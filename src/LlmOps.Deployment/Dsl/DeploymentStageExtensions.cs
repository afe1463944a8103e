using LlmOps.Dsl;

namespace LlmOps.Deployment;

/// <summary>
/// The DSL entry point of deployments:
/// <c>.Deploys(Package).To(DeployTarget.Docker()).Smoke(s =&gt; s.Expect("where is my parcel", "shipping")).KeepVersions(3).Produces(Record)</c>.
/// Declaring touches nothing; the target is reached only when the stage runs.
/// </summary>
public static class DeploymentStageExtensions
{
    /// <summary>Consumes <paramref name="package"/> and makes deploying it the stage's body.</summary>
    public static DeploymentDefinition Deploys(this IStageDefinition stage, Artifact<PackageArtifact> package)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(package);
        var feature = new DeploymentFeature(package) { Name = package.Name };
        stage.With(feature);
        stage.Consumes(package);

        // What is deployed lives on the target, which the store cannot see: a removed container or folder must not
        // be answered from the cache. A deployment of the version already serving is cheap and says "unchanged".
        stage.NotCached("a deployment's state lives on its target, which the store cannot see");
        return new DeploymentDefinition(stage, feature);
    }
}
