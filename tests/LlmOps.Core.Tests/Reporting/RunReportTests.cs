using LlmOps.Cli;
using LlmOps.Dsl;
using LlmOps.Execution;
using Xunit;

namespace LlmOps.Core.Tests.Reporting;

public sealed class RunReportTests
{
    public sealed class CurvePipeline : Pipeline
    {
        public override string Directory => ".";

        Stage Fit => _ => _
            .NotCached("a report test")
            .Executes(ctx =>
            {
                for (var step = 0; step < 5000; step++)
                {
                    ctx.Metric("loss", 1.0 / (step + 1), step);
                }

                ctx.Metric("accuracy", 0.9);
            });

        Stage Broken => _ => _
            .After(Fit)
            .ProceedAfterFailure()
            .Executes(_ => throw new StageFailedException("deliberately <broken> & escaped"));
    }

    [Fact]
    public async Task A_run_writes_an_html_report_with_a_timeline_and_a_curve_per_metric_series()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("llmops-report-").FullName;
        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(root, ".nuke"));
            var output = new StringWriter();
            var app = new LlmOpsApp(typeof(CurvePipeline)) { Output = output, Error = new StringWriter(), Environment = name => name == "LLMOPS_TRACKING" ? "off" : null };

            var code = await app.RunAsync(["Fit", "Broken", "--root", root], TestContext.Current.CancellationToken);

            Assert.Equal(1, code);
            var runDirectory = System.IO.Directory.GetDirectories(Path.Combine(root, ".llmops", "runs")).Single();
            var html = File.ReadAllText(Path.Combine(runDirectory, RunReportObserver.FileName));
            Assert.Contains("aria-label=\"stage timeline\"", html, StringComparison.Ordinal);
            Assert.Contains("<h3>Curve.Fit · loss</h3>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("· accuracy</h3>", html, StringComparison.Ordinal); // one point is a value, not a curve
            Assert.Contains("step 4999", html, StringComparison.Ordinal);                 // the last point survives thinning
            Assert.Contains("deliberately &lt;broken&gt; &amp; escaped", html, StringComparison.Ordinal);
            var path = html[html.IndexOf("<path d=\"", StringComparison.Ordinal)..];
            var points = path[..path.IndexOf('"', 9)].Count(c => c is 'L');
            Assert.InRange(points, 500, 2000);
            Assert.Contains(RunReportObserver.FileName, output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
    }
}
