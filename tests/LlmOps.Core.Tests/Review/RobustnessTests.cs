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

    private static TempRepo NewRepo()
    {
        var repo = new TempRepo();
        repo.Environment["LLMOPS_TRACKING"] = "off";
        return repo;
    }

    private static AppResult Run(TempRepo repo, params string[] args) => repo.Run(typeof(ExternalPipeline), args);

    [Fact]
    public void A_deleted_external_output_is_not_a_cache_hit()
    {
        using var repo = NewRepo();
        Assert.Equal(0, Run(repo, "Write").ExitCode);
        Assert.Contains("cached", Run(repo, "Write").Output, StringComparison.Ordinal);

        System.IO.Directory.Delete(repo.Path("out"), recursive: true);
        var (code, output, _) = Run(repo, "Write");

        Assert.Equal(0, code);
        Assert.Contains("output out/target was removed since the stage wrote it", output, StringComparison.Ordinal);
        Assert.True(File.Exists(repo.Path("out/target/deployed.txt")));
    }

    [Fact]
    public void A_failing_export_fails_the_stage_and_the_run_record_says_failed()
    {
        using var repo = NewRepo();
        repo.Write("not-a-folder", "");

        var (code, output, error) = Run(repo, "Write", "--export", repo.Path("not-a-folder/exports"));

        Assert.Equal(1, code);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        var record = repo.LatestRun();
        Assert.Equal(RunStatus.Failed, record.Status);
        Assert.Equal(StageStatus.Failed, record.Stages.Single().Status);
    }

    [Fact]
    public void A_body_that_ignores_its_token_still_times_out()
    {
        using var repo = NewRepo();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (code, output, _) = Run(repo, "Hang");

        Assert.Equal(1, code);
        Assert.Contains("timed out", output, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}"); // timeout + cleanup grace, not the 120 s body
    }

    [Theory]
    [InlineData("1e9h")]
    [InlineData("NaNh")]
    public void An_out_of_range_value_is_a_usage_error_naming_the_parameter(string value)
    {
        using var repo = NewRepo();
        var (code, _, error) = Run(repo, "Write", "--max-time", value);

        Assert.Equal(2, code);
        Assert.Contains("max-time", error, StringComparison.Ordinal);
        Assert.Contains("out of range", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
