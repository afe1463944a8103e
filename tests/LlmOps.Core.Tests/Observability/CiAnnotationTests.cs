using LlmOps.Runtime;

namespace LlmOps.Core.Tests.Observability;

public sealed class CiAnnotationTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "repo");

    [Fact]
    public void GitHub_annotations_are_workflow_commands_with_the_file_relative_to_the_root()
    {
        var line = CiAnnotations.Format(new Annotation(Path.Combine(Root, "data", "intents.jsonl"), 3, "record has no label"), Root, CiHost.GitHub);

        Assert.Equal("::error file=data/intents.jsonl,line=3::record has no label", line);
    }

    [Fact]
    public void Azure_annotations_are_logissue_commands()
    {
        var line = CiAnnotations.Format(new Annotation("pipelines/Support.cs", 102, "gate rule min-accuracy failed", AnnotationSeverity.Error), Root, CiHost.Azure);

        Assert.Equal("##vso[task.logissue type=error;sourcepath=pipelines/Support.cs;linenumber=102;]gate rule min-accuracy failed", line);
    }

    [Fact]
    public void A_message_cannot_end_the_command_or_start_another_line()
    {
        var annotation = new Annotation("a,b:c.jsonl", null, "50% bad\n::error::forged", AnnotationSeverity.Warning);

        Assert.Equal("::warning file=a%2Cb%3Ac.jsonl::50%25 bad%0A::error::forged", CiAnnotations.Format(annotation, Root, CiHost.GitHub));
        Assert.Equal("##vso[task.logissue type=warning;sourcepath=a,b:c.jsonl;]50%AZP25 bad%0A::error::forged", CiAnnotations.Format(annotation, Root, CiHost.Azure));
        Assert.Equal("a,b:c.jsonl: warning: 50% bad ::error::forged", CiAnnotations.Format(annotation, Root, CiHost.None));
    }

    [Theory]
    [InlineData("true", null, CiHost.GitHub)]
    [InlineData(null, "True", CiHost.Azure)]
    [InlineData(null, null, CiHost.None)]
    public void The_host_is_detected_from_the_environment(string? github, string? azure, CiHost expected)
    {
        Assert.Equal(expected, CiEnvironment.Host(name => name switch { "GITHUB_ACTIONS" => github, "TF_BUILD" => azure, _ => null }));
    }

    public sealed class AnnotatingPipeline : Pipeline
    {
        public override string Directory => ".";

        Stage Check => _ => _
            .NotCached("an annotation test")
            .Executes(ctx => ctx.Annotate(new Annotation(ctx.PipelinePath("data/set.jsonl"), 7, "secret-token-value-1234 leaked here")));
    }

    [Fact]
    public void A_stage_annotation_reaches_github_output_at_the_start_of_a_line_and_the_log_as_a_plain_line()
    {
        using var repo = new TempRepo();
        repo.Environment["GITHUB_ACTIONS"] = "true";
        repo.Environment["LLMOPS_TRACKING"] = "off";

        var result = repo.Run(typeof(AnnotatingPipeline), "Check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\n::error file=data/set.jsonl,line=7::secret-token-value-1234 leaked here", "\n" + result.Output.Replace("\r", ""));
        var log = File.ReadAllText(Directory.GetFiles(repo.StateDirectory, "*.log", SearchOption.AllDirectories).Single(f => f.Contains("Check", StringComparison.Ordinal)));
        Assert.Contains("data/set.jsonl:7: error: secret-token-value-1234 leaked here", log);
    }

    [Fact]
    public void Without_a_ci_host_an_annotation_is_only_a_log_line()
    {
        using var repo = new TempRepo();
        repo.Environment["LLMOPS_TRACKING"] = "off";

        var result = repo.Run(typeof(AnnotatingPipeline), "Check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("::error", result.Output);
        Assert.Contains("data/set.jsonl:7: error:", result.Output);
    }
}
