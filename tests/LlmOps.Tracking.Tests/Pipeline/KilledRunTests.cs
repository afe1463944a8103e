using System.Diagnostics;
using System.Text.Json.Nodes;
using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// A run whose process was killed leaves its tracker runs RUNNING; the next run ends them, and <c>Runs</c> shows them as
/// killed and by their <c>.llmops/runs</c> ids meanwhile. The kill is reproduced as it leaves the disk: the run record
/// says "running" for a process that is gone, the tracking file is not marked ended, and the tracker still has RUNNING runs.
/// </summary>
public sealed class KilledRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tracker_runs_of_a_killed_run_are_ended_as_killed_on_the_next_start()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var root = new TempDir();
        var (environment, runId) = await KilledRunAsync(server, root);
        var parent = server.Store.Runs.Values.Single(r => !r.Tags.ContainsKey(SystemTags.ParentRunId));
        var pack = server.Store.Runs.Values.Single(r => r.Tags.GetValueOrDefault(SystemTags.Stage) == "Tracked.Pack" && r.Tags.GetValueOrDefault(SystemTags.ParentRunId) == parent.Id);
        var train = server.Store.Runs.Values.Single(r => r.Tags.GetValueOrDefault(SystemTags.Stage) == "Tracked.Train" && r.Tags.GetValueOrDefault(SystemTags.ParentRunId) == parent.Id);
        parent.Status = pack.Status = "RUNNING";

        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack", "--no-cache"], environment);

        Assert.True(code == 0, output + error);
        Assert.Equal("KILLED", parent.Status);
        Assert.Equal("KILLED", pack.Status);
        Assert.Equal("FINISHED", train.Status);
        Assert.All(server.Store.Runs.Values.Where(r => r.Tags[SystemTags.PipelineRunId] != runId), r => Assert.Equal("FINISHED", r.Status));
    }

    [Fact]
    public async Task A_killed_run_whose_tracker_runs_are_gone_is_given_up_and_tracking_stays_on()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var root = new TempDir();
        var (environment, runId) = await KilledRunAsync(server, root);
        server.Store.Reset();

        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack", "--no-cache"], environment);

        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("experiment tracking is off", error, StringComparison.Ordinal);
        Assert.Equal(3, server.Store.Runs.Count);
        Assert.Contains("\"Ended\": true", File.ReadAllText(Path.Combine(root.Path, ".llmops", "runs", runId, "tracking.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_lists_the_llmops_run_ids_and_shows_a_killed_run_as_killed()
    {
        using var root = new TempDir();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], []);
        Assert.True(code == 0, output + error);
        var runId = Assert.Single(Directory.GetDirectories(Path.Combine(root.Path, ".llmops", "runs"))).Split(Path.DirectorySeparatorChar)[^1];
        await using (var local = new LocalTracker(Path.Combine(root.Path, ".llmops")))
        {
            var parent = (await local.ListAllRunsAsync(Ct)).Single(r => r.ParentRunId is null);
            await local.EndRunAsync(new RunHandle(parent.RunId, LocalTracker.LocalExperimentId, ""), RunStatus.Running, Ct);
        }

        SimulateKillDuring(root.Path, runId, "Tracked.Pack");

        (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Runs"], []);

        Assert.True(code == 0, output + error);
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith(runId, StringComparison.Ordinal));
        Assert.Contains("KILLED", row, StringComparison.Ordinal);
    }

    // A tracked run of Pack, then what killing it during Pack would have left on disk.
    private static async Task<(Dictionary<string, string> Environment, string RunId)> KilledRunAsync(FakeMlflowServer server, TempDir root)
    {
        var environment = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString() };
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], environment);
        Assert.True(code == 0, output + error);
        var runId = server.Store.Runs.Values.Single(r => !r.Tags.ContainsKey(SystemTags.ParentRunId)).Tags[SystemTags.PipelineRunId];
        SimulateKillDuring(root.Path, runId, "Tracked.Pack");
        return (environment, runId);
    }

    // What kill -9 during the stage leaves: run.json "running" under a process id that no longer exists, the stage
    // "running", and tracking.json not ended.
    private static void SimulateKillDuring(string root, string runId, string stage)
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var folder = Path.Combine(root, ".llmops", "runs", runId);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!;
        record["Status"] = "running";
        record["ProcessId"] = gone.Id;
        record["FinishedAt"] = null;
        foreach (var s in record["Stages"]!.AsArray().Where(s => (string?)s!["Id"] == stage))
        {
            s!["Status"] = "running";
        }

        File.WriteAllText(Path.Combine(folder, "run.json"), record.ToJsonString());
        var tracking = Path.Combine(folder, "tracking.json");
        var tracked = JsonNode.Parse(File.ReadAllText(tracking))!;
        tracked["Ended"] = false;
        File.WriteAllText(tracking, tracked.ToJsonString());
    }
}
