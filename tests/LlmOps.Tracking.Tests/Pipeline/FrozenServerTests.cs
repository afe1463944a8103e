using System.Diagnostics;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// A tracking server that stops answering costs a pipeline run one timeout and one warning, whether it hangs from the
/// start or in the middle of an artifact upload. The freeze is bounded (120 s), so a client without a timeout shows as
/// a slow, failing test rather than a hung one; the client's timeout is made short (1 s) with MLFLOW_HTTP_REQUEST_TIMEOUT.
/// The bound on the run is half the freeze: far above what a run costs on a loaded machine, far below a client that waits.
/// </summary>
public sealed class FrozenServerTests
{
    private static readonly TimeSpan FreezeBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_server_frozen_from_the_start_costs_one_timeout_then_tracking_is_off()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        server.Freeze(FreezeBound);
        using var root = new TempDir();

        var watch = Stopwatch.StartNew();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], Environment(server));
        watch.Stop();

        Assert.True(code == 0, output + error);
        Assert.Single(WarningLines(error));
        Assert.Equal(1, server.FrozenRequests);
        Assert.True(watch.Elapsed < FreezeBound / 2, $"the run took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_hangs_during_an_artifact_upload_costs_one_timeout_then_tracking_is_off()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        server.Freeze(FreezeBound, "/mlflow-artifacts/artifacts/");
        using var root = new TempDir();

        var watch = Stopwatch.StartNew();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], Environment(server));
        watch.Stop();

        Assert.True(code == 0, output + error);
        Assert.Contains("timed out", Assert.Single(WarningLines(error)), StringComparison.Ordinal);
        Assert.Equal(1, server.FrozenRequests);
        Assert.NotEmpty(server.Store.Runs);
        Assert.True(watch.Elapsed < FreezeBound / 2, $"the run took {watch.Elapsed}");
    }

    private static Dictionary<string, string> Environment(FakeMlflowServer server) => new()
    {
        ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString(),
        ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "1",
    };

    private static List<string> WarningLines(string error) =>
        error.Split('\n').Where(l => l.Contains("experiment tracking is off", StringComparison.Ordinal)).ToList();
}
