namespace LlmOps.Core.Tests.Observability;

public sealed class RunReportStoryTests
{
    /// <summary>Runs <see cref="StoryPipeline"/> and returns the report's path.</summary>
    internal static string RunStory(TempRepo repo)
    {
        repo.Environment["LLMOPS_TRACKING"] = "off";
        var result = repo.Run(typeof(StoryPipeline), "Fit", "--epochs", "3");
        Assert.True(result.ExitCode == 0, result.ToString());
        return Path.Combine(repo.Runs.RunDirectory(repo.LatestRun().RunId), RunReportObserver.FileName);
    }

    [Fact]
    public void The_report_tells_the_plan_with_status_the_parameters_each_summary_and_links_each_log()
    {
        using var repo = new TempRepo();

        var html = File.ReadAllText(RunStory(repo));

        Assert.Contains("<li data-stage=\"Story.Fit\" data-status=\"succeeded\">", html);
        Assert.Contains("← <span class=\"succeeded\">Story.Prepare</span>", html);
        Assert.Contains("<td>Story.epochs</td><td>3</td><td>command line</td>", html);
        Assert.Contains("<td>train</td>", html);                         // the summary's table, rendered
        Assert.Contains("<strong>Gate</strong>", html);
        Assert.DoesNotContain("<script>", html);                         // raw HTML in a summary stays text
        Assert.Matches("<a class=\"log\" href=\"[^\"]+Fit[^\"]*\\.log\">log</a>", html);
        Assert.Contains("data-axis=\"broken\"", html);                  // 0.9646 -> 0.9649 is zoomed only with a break
        Assert.Contains("axis broken: starts at", html);
        Assert.Contains("Content-Security-Policy", html);
    }
}
