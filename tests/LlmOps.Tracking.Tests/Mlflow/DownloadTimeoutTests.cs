using System.Diagnostics;
using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>
/// A download whose server stops sending mid-body fails after the stall limit instead of holding the caller for ever,
/// and leaves no file behind. The server's stall is bounded by the test (released after 20 s), so a client without the
/// limit shows as a slow, failing test rather than a hung one.
/// </summary>
public sealed class DownloadTimeoutTests
{
    private static readonly TimeSpan StallBound = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_download_that_stalls_mid_body_fails_after_the_request_timeout_and_leaves_no_file()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = MlflowClient.Create(TestClients.Options(server) with { AttemptTimeout = TimeSpan.FromSeconds(1) });
        using var dir = new TempDir();
        using var release = new Timer(_ => server.SlowDownloadRelease.TrySetResult(), null, StallBound, Timeout.InfiniteTimeSpan);
        var target = Path.Combine(dir.Path, "weights.bin");

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MlflowException>(() => client.DownloadArtifactAsync("mlflow-artifacts:/1/run/artifacts", "slow-weights.bin", target, Ct));
        watch.Stop();

        Assert.Contains("stalled", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/2.0/mlflow-artifacts/artifacts/1/run/artifacts/slow-weights.bin", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < StallBound / 2, $"the download took {watch.Elapsed}");
        Assert.Empty(Directory.GetFiles(dir.Path));
        server.SlowDownloadRelease.TrySetResult();
    }

    [Fact]
    public void A_download_body_gets_the_upload_limit_for_its_size_and_no_read_waits_longer_than_a_request()
    {
        var options = new MlflowConnectionOptions { TrackingUri = new Uri("http://127.0.0.1:5000"), AttemptTimeout = TimeSpan.FromSeconds(30) };

        Assert.Equal((TimeSpan.FromSeconds(30 + 512), TimeSpan.FromSeconds(30)), AttemptTimeouts.ForDownloadBody(512L * 1024 * 1024, options));
        Assert.Equal((Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(30)), AttemptTimeouts.ForDownloadBody(null, options));
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)), AttemptTimeouts.ForDownloadBody(1, options with { ArtifactTimeout = TimeSpan.FromSeconds(7) }));
    }
}
