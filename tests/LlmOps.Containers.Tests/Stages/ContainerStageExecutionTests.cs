using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Execution;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>Container stages run end to end through the planner and the local executor on the real engine: input, output, log, metrics, failure and secrets.</summary>
/// <remarks>One class per concern; the classes share a collection (TestCollections), so they run one after another.</remarks>
[Collection(TestCollections.ContainerStages)]
public sealed class ContainerStageExecutionTests(DockerFixture docker) : ContainerStageTests(docker)
{
    [Fact]
    public async Task Container_stage_reads_its_input_read_only_and_its_output_becomes_an_artifact()
    {
        using var dir = new TempDir();
        var harness = WordCount(dir);

        var run = await harness.RunAsync("WordCount.Count", Ct);

        Assert.Equal(StageStatus.Succeeded, run.Stage("WordCount.Count").Status);
        Assert.Equal("5", (await File.ReadAllTextAsync(Path.Combine(run.ArtifactDirectory("WordCount.Count", "counted"), "count.txt"), Ct)).Trim());
        var log = run.Log("WordCount.Count");
        Assert.Contains("[WordCount.Count] input is read-only", log, StringComparison.Ordinal);
        Assert.Contains("[WordCount.Count] counted 5 words", log, StringComparison.Ordinal);
        Assert.Contains(run.Reporter.Lines, l => l == "WordCount.Count | [WordCount.Count] greeting: hello");
        Assert.Equal(5, run.Stage("WordCount.Count").Metrics["words"]);
    }

    [Fact]
    public async Task Failing_container_fails_the_stage_with_exit_code_and_log_tail()
    {
        using var dir = new TempDir();
        var harness = WordCount(dir);
        harness.Parameters["greeting"] = "fail";

        var count = (await harness.RunAsync("WordCount.Count", Ct)).Stage("WordCount.Count");

        Assert.Equal(StageStatus.Failed, count.Status);
        Assert.StartsWith("Stage 'WordCount.Count' container exited with code 3. Last 3 log line(s):", count.Reason, StringComparison.Ordinal);
        Assert.Contains("about to fail", count.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", count.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_parameter_passed_as_secret_env_is_masked_everywhere()
    {
        const string secret = "tok-9f8e7d6c5b4a";
        using var dir = new TempDir();
        var harness = WordCount(dir);
        harness.Parameters["api-token"] = secret;

        var run = await harness.RunAsync("WordCount.Count", Ct);

        Assert.Equal(StageStatus.Succeeded, run.Stage("WordCount.Count").Status);
        var log = run.Log("WordCount.Count");
        Assert.Contains("[WordCount.Count] token: ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.RunJson, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Reporter.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        var entries = Directory.EnumerateFiles(Path.Combine(harness.Root, ".llmops", "cache"), "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(entries, f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal));
    }
}
