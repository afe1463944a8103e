using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// A stage body moves aliases and sets version tags through <c>context.ModelRegistry()</c>, run through the real CLI
/// against the contract server and the local tracker. Three runs: weights w1 (version 1), w2 (version 2), then w1
/// again, whose package comes from the cache: champion must go back to version 1, the version this run used, not
/// the newest.
/// </summary>
public sealed class StageRegistryTests
{
    private const string Model = PromotingPipeline.ModelName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MlflowServerVersion.V2_10_2)]
    [InlineData(MlflowServerVersion.V3_6)]
    public async Task A_stage_body_moves_champion_and_tags_versions_on_an_mlflow_server(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var root = new TempDir();
        var uri = new UriBuilder(server.BaseUri) { UserName = "alice", Password = "pw-never-printed-42" }.Uri.ToString();
        var environment = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = uri };

        var printed = await PromoteAsync(root.Path, environment, "w1");
        var model = server.Store.Models[Model];
        Assert.Equal(new Dictionary<string, string> { ["champion"] = "1" }, model.Aliases);
        Assert.Equal("Promoting.Promote", model.Versions.Single(v => v.Version == 1).Tags["llmops.promoted_by"]);

        printed += await PromoteAsync(root.Path, environment, "w2");
        Assert.Equal(new Dictionary<string, string> { ["champion"] = "2" }, model.Aliases);

        printed += await PromoteAsync(root.Path, environment, "w1");
        Assert.Equal(new Dictionary<string, string> { ["champion"] = "1" }, model.Aliases);
        Assert.Equal([1, 2], model.Versions.Select(v => v.Version));
        Assert.Equal(["w1", "w2"], model.Versions.Select(v => v.Tags["weights"]));
        Assert.Contains("champion is version 1 at http://127.0.0.1:", printed, StringComparison.Ordinal);
        Assert.Contains("challenger: none", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-printed-42", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stage_body_moves_champion_and_tags_versions_in_the_local_tracker()
    {
        using var root = new TempDir();

        var printed = await PromoteAsync(root.Path, [], "w1");
        Assert.Equal("1", await ChampionAsync(root.Path));
        printed += await PromoteAsync(root.Path, [], "w2");
        Assert.Equal("2", await ChampionAsync(root.Path));
        printed += await PromoteAsync(root.Path, [], "w1");
        Assert.Equal("1", await ChampionAsync(root.Path));

        await using var local = new LocalTracker(Path.Combine(root.Path, ".llmops"));
        var registry = local.Registry;
        Assert.Null(await registry.GetAliasAsync(Model, "challenger", Ct));
        Assert.Equal(
            new Dictionary<string, string> { ["llmops.promoted_by"] = "Promoting.Promote", ["weights"] = "w2" },
            await registry.GetVersionTagsAsync(Model, "2", Ct));
        Assert.Equal(["1", "2"], (await registry.ListVersionsAsync(Model, Ct)).Select(v => v.Version));
        Assert.Contains("champion is version 1 at local", printed, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> TrackingOff => new()
    {
        { "LLMOPS_TRACKING", "off" },

        // A server that is down switches tracking off at the first call, before any stage runs.
        { "MLFLOW_TRACKING_URI", "http://127.0.0.1:9" },
    };

    [Theory]
    [MemberData(nameof(TrackingOff))]
    public async Task With_tracking_off_a_stage_that_uses_the_registry_fails_saying_tracking_is_off(string variable, string value)
    {
        using var root = new TempDir();
        var environment = new Dictionary<string, string> { [variable] = value, ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0", ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "5" };

        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Promote"], environment, typeof(PromotingPipeline));

        Assert.NotEqual(0, code);
        Assert.Contains("Promoting.Promote uses the model registry, but experiment tracking is off for this run (LLMOPS_TRACKING=off", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    private static async Task<string> PromoteAsync(string root, Dictionary<string, string> environment, string weights)
    {
        var (code, output, error) = await TrackedCli.RunAsync(root, ["Promote", "--weights", weights], environment, typeof(PromotingPipeline));
        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("experiment tracking is off", error, StringComparison.Ordinal);
        return output + error;
    }

    private static async Task<string?> ChampionAsync(string root)
    {
        await using var local = new LocalTracker(Path.Combine(root, ".llmops"));
        return await local.Registry.GetAliasAsync(Model, "champion", Ct);
    }
}
