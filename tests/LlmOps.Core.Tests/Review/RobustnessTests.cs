using LlmOps.Cli;
using LlmOps.Dsl;
using LlmOps.Execution;
using Xunit;

namespace LlmOps.Core.Tests.Review;

/// <summary>Failures outside stage bodies, and values out of range, end as clean errors with a truthful record.</summary>
public sealed class RobustnessTests
{
    public sealed class ExternalPipeline : Pipeline
    {
        [Parameter("Where the stage writes outside the store")]
        readonly string Target = "out/target";

        [Parameter("A long limit")]
        readonly TimeSpan MaxTime = TimeSpan.FromMinutes(1);

        Artifact<ReportArtifact> Record => new("record");

        public override string Directory => ".";

        Stage Write => _ => _
            .Produces(Record)
            .Outputs(Target)
            .Timeout(MaxTime)
            .Executes(ctx =>
            {
                System.IO.Directory.CreateDirectory(ctx.PipelinePath(Target));
                File.WriteAllText(Path.Combine(ctx.PipelinePath(Target), "deployed.txt"), "v1");
                File.WriteAllText(ctx.Output(Record).File("record.txt"), "written");
            });

        Stage Hang => _ => _
            .Timeout(TimeSpan.FromMilliseconds(300))
            .Executes(_ => Thread.Sleep(TimeSpan.FromSeconds(120)));
    }

    private static (int Code, string Output, string Error, string Root) Run(string root, params string[] args)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(typeof(ExternalPipeline)) { Output = output, Error = error, Environment = n => n == "LLMOPS_TRACKING" ? "off" : null };
        var code = app.RunAsync([.. args, "--root", root], TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString(), root);
    }

    private static string NewRoot() => System.IO.Directory.CreateTempSubdirectory("llmops-robust-").FullName;

    [Fact]
    public void A_deleted_external_output_is_not_a_cache_hit()
    {
        var root = NewRoot();
        Assert.Equal(0, Run(root, "Write").Code);
        Assert.Contains("cached", Run(root, "Write").Output, StringComparison.Ordinal);

        System.IO.Directory.Delete(Path.Combine(root, "out"), recursive: true);
        var (code, output, _, _) = Run(root, "Write");

        Assert.Equal(0, code);
        Assert.Contains("output out/target was removed since the stage wrote it", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "out", "target", "deployed.txt")));
    }

    [Fact]
    public void A_failing_export_fails_the_stage_and_the_run_record_says_failed()
    {
        var root = NewRoot();
        File.WriteAllText(Path.Combine(root, "not-a-folder"), "");

        var (code, output, error, _) = Run(root, "Write", "--export", Path.Combine(root, "not-a-folder", "exports"));

        Assert.Equal(1, code);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        var record = new RunStore(Path.Combine(root, ".llmops", "runs")).Latest()!;
        Assert.Equal(RunStatus.Failed, record.Status);
        Assert.Equal(StageStatus.Failed, record.Stages.Single().Status);
    }

    [Fact]
    public void A_body_that_ignores_its_token_still_times_out()
    {
        var root = NewRoot();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (code, output, _, _) = Run(root, "Hang");

        Assert.Equal(1, code);
        Assert.Contains("timed out", output, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}"); // timeout + cleanup grace, not the 120 s body
    }

    [Theory]
    [InlineData("1e9h")]
    [InlineData("NaNh")]
    public void An_out_of_range_value_is_a_usage_error_naming_the_parameter(string value)
    {
        var (code, _, error, _) = Run(NewRoot(), "Write", "--max-time", value);

        Assert.Equal(2, code);
        Assert.Contains("max-time", error, StringComparison.Ordinal);
        Assert.Contains("out of range", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
