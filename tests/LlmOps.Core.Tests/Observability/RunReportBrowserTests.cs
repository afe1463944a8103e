using System.Text;

namespace LlmOps.Core.Tests.Observability;

[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection;

/// <summary>
/// The report in a real headless browser: Debian's Chromium in a container built once from the CI base image and
/// cached by its tag. The browser parses the page (its DOM is asserted on) and paints it (a screenshot).
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class RunReportBrowserTests
{
    private const string Image = "llmops-obs/chromium:bookworm";
    private const string Dockerfile = "FROM llmops-ci/debian:bookworm\nLABEL llmops.helper=obs llmops.purpose=run-report-browser-test\n"
        + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core && rm -rf /var/lib/apt/lists/*\n";

    [Fact]
    public async Task Chromium_parses_the_report_into_the_plan_summaries_and_an_axis_break_and_paints_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await EnsureImageAsync(cancel);
        using var repo = new TempRepo();
        var report = RunReportStoryTests.RunStory(repo);
        var folder = Path.GetDirectoryName(report)!;
        var shots = Directory.CreateTempSubdirectory("llmops-shot-").FullName;
        try
        {
            var browser = new[] { "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage" };
            var dom = await DockerAsync(["run", "--rm", "--network", "none", "-v", $"{folder}:/report:ro", Image, .. browser, "--dump-dom", "file:///report/report.html"], cancel);
            Assert.Contains("data-stage=\"Story.Fit\" data-status=\"succeeded\"", dom);
            Assert.Contains("<table", dom);
            Assert.Contains("axis broken: starts at", dom);
            Assert.DoesNotContain("<script>alert", dom);

            await DockerAsync(["run", "--rm", "--network", "none", "-v", $"{folder}:/report:ro", "-v", $"{shots}:/shots", Image, .. browser, "--window-size=1000,1800", "--screenshot=/shots/report.png", "file:///report/report.html"], cancel);
            var png = await File.ReadAllBytesAsync(Path.Combine(shots, "report.png"), cancel);
            Assert.Equal("\u0089PNG", Encoding.Latin1.GetString(png, 0, 4));
            Assert.True(png.Length > 10_000, $"a painted page, not a blank one: {png.Length} bytes");
        }
        finally
        {
            Directory.Delete(shots, recursive: true);
        }
    }

    private static async Task EnsureImageAsync(CancellationToken cancel)
    {
        var probe = await new ProcessRunner().RunAsync("docker", ["image", "inspect", Image], new ProcessOptions { SuccessExitCodes = [0, 1] }, cancel);
        if (probe.ExitCode == 0)
        {
            return;
        }

        var context = Directory.CreateTempSubdirectory("llmops-chromium-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Dockerfile, cancel);
            await DockerAsync(["build", "-q", "-t", Image, context], cancel);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private static async Task<string> DockerAsync(IReadOnlyList<string> arguments, CancellationToken cancel)
    {
        var output = new StringBuilder();
        var result = await new ProcessRunner(line => output.AppendLine(line), errorOutput: _ => { }).RunAsync("docker", arguments, new ProcessOptions { TailLines = 40 }, cancel);
        Assert.True(result.Succeeded, $"docker {string.Join(' ', arguments)}: {result.FailureMessage}");
        return output.ToString();
    }
}
