using LlmOps.Cli.Progress;
using LlmOps.Runtime;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace LlmOps.Core.Tests.Observability;

public sealed class ProgressTests
{
    [Fact]
    public void In_a_github_log_each_stage_is_one_group_even_when_parallel_stages_interleave()
    {
        var output = new StringWriter();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var reporter = new CiGroupReporter(output, CiHost.GitHub, time);

        reporter.StageStatus("S.Train", StageStatus.Running, "run (never run before)");
        reporter.StageStatus("S.Validate", StageStatus.Running, "run (never run before)");
        reporter.StageLog("S.Train", "epoch 1");
        reporter.StageLog("S.Validate", "checked 10 lines");
        reporter.Annotation("S.Validate", "::error file=data/a.jsonl,line=3::no label");
        reporter.StageLog("S.Train", "epoch 2");
        time.Advance(TimeSpan.FromSeconds(65));
        reporter.StageStatus("S.Train", StageStatus.Succeeded, "succeeded");
        reporter.StageLog("S.Validate", "done");
        reporter.StageStatus("S.Validate", StageStatus.Failed, "1 error");

        Assert.Equal(
            [
                "▶ S.Train: run (never run before)",
                "▶ S.Validate: run (never run before)",
                "::group::S.Train",
                "epoch 1",
                "epoch 2",
                "::endgroup::",
                "✔ S.Train: succeeded [1m05s]",
                "::group::S.Validate",
                "checked 10 lines",
                "::error file=data/a.jsonl,line=3::no label",
                "done",
                "::endgroup::",
                "✖ S.Validate: 1 error [1m05s]",
            ],
            Lines(output));
    }

    [Fact]
    public void In_an_azure_log_groups_use_the_azure_markers_and_a_stage_without_log_lines_has_no_group()
    {
        var output = new StringWriter();
        var reporter = new CiGroupReporter(output, CiHost.Azure);

        reporter.StageStatus("S.Prepare", StageStatus.Cached, "cached (key 1a2b)");
        reporter.StageStatus("S.Train", StageStatus.Running, "run");
        reporter.StageLog("S.Train", "epoch 1");
        reporter.StageStatus("S.Train", StageStatus.Succeeded, "succeeded");

        var lines = Lines(output);
        Assert.Equal(["● S.Prepare: cached (key 1a2b)", "▶ S.Train: run", "##[group]S.Train", "epoch 1", "##[endgroup]"], lines[..5]);
        Assert.StartsWith("✔ S.Train: succeeded [", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void The_heartbeat_names_every_running_stage_with_its_elapsed_time_and_is_silent_when_none_runs()
    {
        var output = new StringWriter();
        var time = new FakeTimeProvider();
        var reporter = new CiGroupReporter(output, CiHost.GitHub, time);
        using var heartbeat = reporter.StartHeartbeat(TimeSpan.FromMinutes(1));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(output.ToString());

        reporter.StageStatus("S.Train", StageStatus.Running, "run");
        time.Advance(TimeSpan.FromSeconds(30));
        reporter.StageStatus("S.Evaluate", StageStatus.Running, "run");
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("… still running: S.Train (1m00s), S.Evaluate (30.0 s)", Lines(output));
    }

    [Fact]
    public async Task On_a_terminal_the_live_display_shows_running_stages_with_their_latest_metric_and_prints_logs_above()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 120;
        var reporter = await LiveProgressReporter.StartAsync(console, stageCount: 2);

        reporter.StageStatus("S.Train", StageStatus.Running, "run (never run before)");
        reporter.Metric("S.Train", "loss", 2.3141, step: 120);
        reporter.StageLog("S.Train", "epoch [1] done");
        await Task.Delay(300, TestContext.Current.CancellationToken);   // the display refreshes on its own thread
        var live = console.Output;
        reporter.StageStatus("S.Train", StageStatus.Succeeded, "succeeded");
        reporter.StageStatus("S.Evaluate", StageStatus.Cached, "cached");
        await reporter.DisposeAsync();

        Assert.Contains("S.Train · step 120 · loss 2.314", live);
        Assert.Contains("0 of 2 stage(s) done", live);
        var text = console.Output;
        Assert.Contains("S.Train | epoch [1] done", text);   // markup in a log line is text, not a style
        Assert.Contains("✔ S.Train: succeeded [", text);
        Assert.Contains("● S.Evaluate: cached", text);
    }

    [Fact]
    public async Task A_run_in_github_actions_writes_its_stage_logs_in_groups()
    {
        using var repo = new TempRepo();
        repo.Environment["GITHUB_ACTIONS"] = "true";
        repo.Environment["LLMOPS_TRACKING"] = "off";

        var result = await Task.Run(() => repo.Run(typeof(CiAnnotationTests.AnnotatingPipeline), "Check"), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = "\n" + result.Output.Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains("\n::group::", output);
        Assert.Contains("\n::endgroup::\n✔ ", output);
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
