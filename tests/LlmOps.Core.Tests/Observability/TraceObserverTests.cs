using System.Diagnostics;
using System.Net;
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
        var secondStages = second.Where(s => s.GetTagItem("llmops.stage") is not null).Select(s => s.SpanId).ToHashSet();
        Assert.Equal(3, spans.Count(s => s.DisplayName == "cache decision" && secondStages.Contains(s.ParentSpanId) && "cached".Equals(s.GetTagItem("llmops.decision"))));
    }

    [Fact]
    public async Task A_stage_body_is_a_child_span_of_its_stage_and_the_http_calls_it_makes_nest_under_the_body()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
        }, TestContext.Current.CancellationToken);

        var spans = new List<Activity>();
        using var repo = new TempRepo();
        var provider = Sdk.CreateTracerProviderBuilder().AddLlmOpsSources().AddInMemoryExporter(spans).Build();
        var app = new LlmOpsApp(typeof(CallingPipeline)) { Output = new StringWriter(), Error = new StringWriter(), Environment = name => name switch { "LLMOPS_TRACKING" => "off", "CALL_URL" => $"http://127.0.0.1:{port}/ping", _ => null } }
            .WithObserver((_, _) => new TraceObserver(provider));
        Assert.Equal(0, await app.RunAsync(["Call", "--root", repo.Root], TestContext.Current.CancellationToken));
        await serving;

        var runId = repo.LatestRun().RunId;
        var stage = Assert.Single(spans, s => (s.GetTagItem("llmops.run_id") as string) == runId && s.DisplayName == "Calling.Call");
        var phases = spans.Where(s => s.ParentSpanId == stage.SpanId).ToList();
        Assert.Equal(["body", "cache decision", "commit", "inputs"], phases.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.All(phases, p => Assert.True(p.StartTimeUtc >= stage.StartTimeUtc, p.DisplayName + " starts before its stage"));
        Assert.Equal("run", phases.Single(p => p.DisplayName == "cache decision").GetTagItem("llmops.decision"));
        var body = phases.Single(s => s.DisplayName == "body");
        var http = Assert.Single(spans, s => s.ParentSpanId == body.SpanId);
        Assert.Equal(ActivityKind.Client, http.Kind);
        Assert.Equal(204, http.GetTagItem("http.response.status_code"));
        Assert.Equal(stage.TraceId, http.TraceId);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public sealed class CallingPipeline : LlmOps.Dsl.Pipeline
    {
        public LlmOps.Dsl.Stage Call => _ => _
            .NotCached("it calls a server")
            .Executes(async ctx =>
            {
                using var http = new HttpClient();
                var url = LlmOps.Runtime.RunVariables.Of(ctx).Read("CALL_URL")!;
                (await http.GetAsync(new Uri(url), ctx.CancellationToken)).EnsureSuccessStatusCode();
            });
    }
}
