namespace LlmOps.Deployment.Tests;

/// <summary>
/// The Docker deployment tests share one engine and one published server: they run one after another so their
/// containers, ports and builds do not race each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerDeploymentCollection : ICollectionFixture<ServingBuild>
{
    public const string Name = "Docker deployments";
}
