namespace LlmOps.Deployment.Tests;

public sealed class LocalDirectoryTargetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-deploy-local-").FullName;
    private readonly List<string> _log = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_deployment_copies_the_package_into_its_version_folder_and_points_current_at_it()
    {
        var target = DeployTarget.LocalDirectory("out/deploy");

        var outcome = await target.DeployAsync(Request(Packages.Good(_root, "v-1")), Ct);

        var folder = Path.Combine(_root, "out/deploy");
        Assert.Equal("v-1\n", File.ReadAllText(Path.Combine(folder, "current")));
        Assert.True(File.Exists(Path.Combine(folder, "v-1", "model.zip")));
        Assert.Equal(("deployed", "v-1", (string?)null), (outcome.Status, outcome.Serving, outcome.Previous));
        Assert.Empty(Directory.GetDirectories(folder, ".staging-*"));
    }

    [Fact]
    public async Task Versions_beyond_the_kept_bound_are_deleted_after_the_switch_and_the_active_one_never()
    {
        var target = DeployTarget.LocalDirectory("deploy");
        foreach (var version in new[] { "v-1", "v-2", "v-3" })
        {
            await target.DeployAsync(Request(Packages.Good(_root, version), keep: 2), Ct);
        }

        var folder = Path.Combine(_root, "deploy");
        Assert.Equal(["v-2", "v-3"], Directory.GetDirectories(folder).Select(Path.GetFileName).Order());
        Assert.Contains(_log, l => l.Contains("removed v-1", StringComparison.Ordinal));
        Assert.Equal("v-3\n", File.ReadAllText(Path.Combine(folder, "current")));
    }

    [Fact]
    public async Task Deploying_the_current_version_again_says_unchanged()
    {
        var target = DeployTarget.LocalDirectory("deploy");
        var package = Packages.Good(_root, "v-1");
        await target.DeployAsync(Request(package), Ct);

        var again = await target.DeployAsync(Request(package), Ct);

        Assert.Equal("unchanged", again.Status);
    }

    [Fact]
    public async Task A_rollback_points_current_back_at_the_previous_version_and_records_both()
    {
        var target = DeployTarget.LocalDirectory("deploy");
        await target.DeployAsync(Request(Packages.Good(_root, "v-1")), Ct);
        await target.DeployAsync(Request(Packages.Good(_root, "v-2")), Ct);

        var outcome = await target.RollbackAsync(new RollbackRequest("support", null, _root, _log.Add), Ct);

        Assert.Equal(("rolled-back", "v-1", "v-2"), (outcome.Status, outcome.Serving, outcome.Previous));
        Assert.Equal("v-1\n", File.ReadAllText(Path.Combine(_root, "deploy", "current")));
    }

    [Fact]
    public async Task A_rollback_to_a_version_that_was_pruned_changes_nothing_and_names_the_kept_ones()
    {
        var target = DeployTarget.LocalDirectory("deploy");
        await target.DeployAsync(Request(Packages.Good(_root, "v-1"), keep: 1), Ct);
        await target.DeployAsync(Request(Packages.Good(_root, "v-2"), keep: 1), Ct);

        var error = await Assert.ThrowsAsync<DeploymentException>(() => target.RollbackAsync(new RollbackRequest("support", "v-1", _root, _log.Add), Ct));

        Assert.Contains("kept: v-2", error.Message, StringComparison.Ordinal);
        Assert.Equal("v-2\n", File.ReadAllText(Path.Combine(_root, "deploy", "current")));
    }

    [Fact]
    public void A_package_without_a_manifest_is_named_in_the_error()
    {
        var error = Assert.Throws<DeploymentException>(() => DeployablePackage.Open(_root));

        Assert.Contains(Path.Combine(_root, "manifest.json"), error.Message, StringComparison.Ordinal);
    }

    private DeploymentRequest Request(DeployablePackage package, int keep = 3) => new("support", package, [], keep, _root, _log.Add);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
