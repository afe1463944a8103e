namespace LlmOps.Deployment.Tests;

/// <summary>Each fault of a new version, with real containers: afterwards exactly one version serves and the record says which and why.</summary>
[Collection(DockerDeploymentCollection.Name)]
public sealed class FaultTests(ServingBuild build)
{
    [Fact]
    public async Task A_version_that_crashes_on_start_is_removed_and_the_record_gives_its_exit_code()
    {
        await AssertRefusedAsync(d => d.Target, d => Packages.Corrupt(d.Root, "v-bad"), "exited with code 3", "not a loadable ML.NET model");
    }

    [Fact]
    public async Task A_version_that_fails_its_health_check_is_removed_and_the_record_gives_the_servers_reason()
    {
        await AssertRefusedAsync(d => d.Build.Target(d.Port, o => o.HealthTimeout = TimeSpan.FromSeconds(6)), d => Packages.Unhealthy(d.Root, "v-bad"), "answered 503", "warm-up");
    }

    [Fact]
    public async Task A_version_that_hangs_past_the_health_timeout_is_removed_and_the_record_says_how_long_it_waited()
    {
        var hang = await HangingImageAsync();
        await AssertRefusedAsync(
            d => d.Build.Target(d.Port, o => (o.Image, o.HealthTimeout) = (hang, TimeSpan.FromSeconds(4))),
            d => Packages.Good(d.Root, "v-bad"),
            "not healthy within 4 s",
            "did not answer");
    }

    [Fact]
    public async Task A_switch_interrupted_before_the_router_moved_leaves_a_candidate_that_the_next_deployment_removes()
    {
        // What an engine restart or a killed build leaves mid-switch: a started candidate the router never named.
        await using var deployment = new DeploymentUnderTest(build);
        await deployment.Target.DeployAsync(deployment.Request(Packages.Good(deployment.Root, "v-1")), Ct);
        await DeploymentUnderTest.Docker("run", "-d", "--label", $"{DeploymentLabels.Deployment}={deployment.Name}", "--label", $"{DeploymentLabels.Role}=backend",
            "--label", $"{DeploymentLabels.Version}=v-interrupted", ServingBuild.BaseImage, "sleep", "600");
        Assert.Equal(["v-1", "v-interrupted"], (await deployment.RunningVersionsAsync()).Order());

        var outcome = await deployment.Target.DeployAsync(deployment.Request(Packages.Good(deployment.Root, "v-2")), Ct);

        Assert.Equal("v-2", outcome.Serving);
        Assert.Equal(["v-2"], await deployment.RunningVersionsAsync());
        Assert.Contains(deployment.Log, l => l.Contains("left by an interrupted deployment", StringComparison.Ordinal));
    }

    private async Task AssertRefusedAsync(Func<DeploymentUnderTest, DockerTarget> target, Func<DeploymentUnderTest, DeployablePackage> bad, params string[] reasons)
    {
        await using var deployment = new DeploymentUnderTest(build);
        await deployment.Target.DeployAsync(deployment.Request(Packages.Good(deployment.Root, "v-1")), Ct);

        var error = await Assert.ThrowsAsync<DeploymentException>(() => target(deployment).DeployAsync(deployment.Request(bad(deployment)), Ct));

        foreach (var reason in reasons)
        {
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("v-1 keeps serving", error.Message, StringComparison.Ordinal);
        Assert.Equal(["v-1"], await deployment.RunningVersionsAsync());
        Assert.Equal("v-1", await BlueGreenTests.ServedVersionAsync(deployment));
        var state = deployment.State();
        Assert.Equal(("failed", "v-bad", "v-1", "v-1"), (state.Last!.Status, state.Last.Requested, state.Last.Serving, state.Active));
    }

    private static async Task<string> HangingImageAsync()
    {
        // A server that starts and never listens: the shape of a model load stuck on a lock or a network mount.
        const string tag = "llmops-deploy-test/hangs:1";
        var context = Directory.CreateTempSubdirectory("llmops-hang-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {ServingBuild.BaseImage}\nLABEL {DeploymentLabels.Deployment}=test-hang\nCMD [\"sleep\", \"600\"]\n");
            await new ProcessRunner().RunAsync("docker", ["build", "-q", "-t", tag, context]);
            return tag;
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
