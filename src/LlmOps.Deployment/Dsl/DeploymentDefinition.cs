using LlmOps.Dsl;

namespace LlmOps.Deployment;

/// <summary>A deployment's own settings, offered right after <c>.Deploys(package)</c>.</summary>
public sealed class DeploymentDefinition : StageKindDefinition
{
    private readonly DeploymentFeature _feature;

    internal DeploymentDefinition(IStageDefinition stage, DeploymentFeature feature)
        : base(stage) => _feature = feature;

    /// <summary>Where to deploy.</summary>
    public DeploymentDefinition To(DeployTarget target)
    {
        _feature.Target = target ?? throw new ArgumentNullException(nameof(target));
        if (target.OutputPaths.Count > 0)
        {
            Stage.Outputs([.. target.OutputPaths]);
        }

        return this;
    }

    /// <summary>The smoke evaluation the new version must pass before it takes traffic; repeated calls add cases.</summary>
    public DeploymentDefinition Smoke(Action<SmokeChecks> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_feature.Smoke);
        return this;
    }

    /// <summary>How many versions, the active one included, stay on the target for rollback (3 unless set).</summary>
    public DeploymentDefinition KeepVersions(int versions)
    {
        _feature.KeepVersions = versions;
        return this;
    }

    /// <summary>Names the deployment (its containers, labels and state folder); the package artifact's name unless set.</summary>
    public DeploymentDefinition Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"deployment name '{name}' may hold only lower-case letters, digits and '-' (it names containers)", nameof(name));
        }

        _feature.Name = name;
        return this;
    }

    /// <summary>The CI environment whose approvals gate a deployment to a durable target (<c>production</c> unless set).</summary>
    public DeploymentDefinition Environment(string environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        _feature.Environment = environment;
        return this;
    }

    /// <summary>Also tells <paramref name="observer"/> about each version that starts serving (promotion, audit).</summary>
    public DeploymentDefinition Notifies(IDeploymentObserver observer)
    {
        _feature.Observers.Add(observer ?? throw new ArgumentNullException(nameof(observer)));
        return this;
    }

    /// <summary>
    /// After each successful deployment moves the registry alias <paramref name="alias"/> to the registered version of the
    /// package (the tracker registers every package under its artifact's name); <c>./build.sh Rollback</c> moves it back.
    /// </summary>
    public DeploymentDefinition Promotes(string alias = "champion") => Notifies(new ChampionPromotion(_feature.Package.Name, alias));

    /// <summary>Writes the outcome (<c>deployment.json</c>: which version serves, why, each step's time) into <paramref name="record"/>.</summary>
    public DeploymentDefinition Produces(Artifact<ReportArtifact> record)
    {
        _feature.Record = record ?? throw new ArgumentNullException(nameof(record));
        Stage.Produces(record);
        return this;
    }
}
