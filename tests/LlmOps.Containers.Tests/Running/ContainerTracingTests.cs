using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOps.Containers.Running;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Running;

/// <summary>Container work is traced under the current span: the image, then each attempt with its container and exit code.</summary>
[Collection(TestCollections.ContainerRunner)]
public sealed class ContainerTracingTests(DockerFixture docker)
{
    [Fact]
    public async Task A_run_is_an_image_span_and_a_container_span_per_attempt_nested_under_the_current_span()
    {
        docker.Require();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ContainerTracing.SourceName or "LlmOps.Tests",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var tests = new ActivitySource("LlmOps.Tests");
        var stage = Managed.NewRunId("traced");

        using (var body = tests.StartActivity("body"))
        {
            await docker.Runner().RunAsync(
                ShellSpec.Of("echo traced; exit 3").Build(),
                new ContainerRunRequest { RunId = stage, StageName = "traced" },
                TestContext.Current.CancellationToken);
        }

        var parent = Assert.Single(spans, s => s.DisplayName == "body" && s.Source.Name == "LlmOps.Tests");
        var mine = spans.Where(s => s.ParentSpanId == parent.SpanId).ToList();
        var image = Assert.Single(mine, s => s.DisplayName == "container image");
        Assert.NotNull(image.GetTagItem("container.image.id"));
        var run = Assert.Single(mine, s => s.DisplayName == "container run");
        Assert.Equal(ActivityKind.Client, run.Kind);
        Assert.Equal(3L, run.GetTagItem("llmops.exit_code"));
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.StartsWith("llmops-", (string)run.GetTagItem("container.name")!, StringComparison.Ordinal);
        Assert.NotNull(run.GetTagItem("container.id"));
    }
}
