using System.Diagnostics;
using LlmOps.Cli.Telemetry;
using LlmOps.Core.Tests.Pipelines;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LlmOps.Core.Tests.Observability;

public sealed class TraceObserverTests
{
    [Fact]
    public void Without_an_otlp_endpoint_nothing_is_traced()
    {
        Assert.Null(TraceObserver.ForEnvironment(_ => null));
    }

    [Fact]
    public async Task A_run_is_one_span_with_a_child_span_per_stage_carrying_its_cache_decision()
    {
        var spans = new List<Activity>();
        using var repo = new TempRepo();
        // Other tests' runs may trace through the same source meanwhile: spans are told apart by run id.
        async Task<List<Activity>> TracedRunAsync()
        {
            var provider = Sdk.CreateTracerProviderBuilder().AddSource(TraceObserver.SourceName).AddInMemoryExporter(spans).Build();
            var app = new LlmOpsApp(typeof(WiringPipeline)) { Output = new StringWriter(), Error = new StringWriter(), Environment = name => name == "LLMOPS_TRACKING" ? "off" : null }
                .WithObserver((_, _) => new TraceObserver(provider));
            Assert.Equal(0, await app.RunAsync(["Use", "--root", repo.Root], TestContext.Current.CancellationToken));
            var runId = repo.LatestRun().RunId;
            return spans.Where(s => (s.GetTagItem("llmops.run_id") as string) == runId).ToList();
        }

        var first = await TracedRunAsync();
        var second = await TracedRunAsync();

        var run = Assert.Single(first, s => s.GetTagItem("llmops.stage") is null);
        Assert.Equal("run Wiring.Use", run.DisplayName);
        var stages = first.Where(s => s.GetTagItem("llmops.stage") is not null).ToList();
        Assert.Equal(["Wiring.Fit", "Wiring.Make", "Wiring.Use"], stages.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(stages, s => Assert.Equal(run.SpanId, s.ParentSpanId));
        Assert.All(stages, s => Assert.Equal(run.TraceId, s.TraceId));
        Assert.All(stages, s => Assert.Contains(s.Events, e => e.Name == "cache decision"));
        Assert.Contains(stages, s => s.DisplayName == "Wiring.Make" && s.Events.Any(e => e.Name == "commit"));
        Assert.All(stages, s => Assert.Equal("succeeded", s.GetTagItem("llmops.status")));
        Assert.All(second.Where(s => s.GetTagItem("llmops.stage") is not null), s => Assert.Equal("cached", s.GetTagItem("llmops.status")));
    }
}
