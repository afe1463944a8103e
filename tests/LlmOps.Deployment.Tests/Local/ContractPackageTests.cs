namespace LlmOps.Deployment.Tests;

public sealed class ContractPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-deploy-contract-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_folder_with_a_package_tar_that_is_not_a_package_is_reported_as_a_deployment_error_not_a_crash()
    {
        File.WriteAllText(Path.Combine(_root, "package.tar"), "not a tar");

        var error = Assert.Throws<DeploymentException>(() => DeployablePackage.Open(_root));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
