using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOps.Execution;
using LlmOps.Planning;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlmOps.Cli.Telemetry;

/// <summary>
/// OpenTelemetry traces of a run: one span for the run and one child span per stage, with the cache decision, the
/// inputs and the commit of its outputs as events. The stage's span is offered to the executor as the parent of its
/// inputs, body and commit spans (<see cref="StageSpans"/>), under which container work and HTTP calls nest. Spans go
/// to the tracer provider given (OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, see <see cref="ForEnvironment"/>),
/// which is flushed when the run ends.
/// </summary>
/// <param name="provider">The provider that listens to <see cref="SourceName"/>; disposed (flushing it) when the run ends.</param>
public sealed class TraceObserver(TracerProvider provider) : IRunObserver, IStageServiceSource
{
    /// <summary>The activity source every LlmOps span comes from.</summary>
    public const string SourceName = "LlmOps";

    /// <summary>
    /// Every source of LlmOps spans: the run and stages, a stage's phases (<see cref="StageSpans"/>), and whatever a
    /// stage kind traces under a source named <c>LlmOps.&lt;kind&gt;</c> (containers do), without the core knowing them.
    /// </summary>
    public static readonly IReadOnlyList<string> SourceNames = [SourceName, "LlmOps.*"];

    private static readonly ActivitySource Source = new(SourceName);
    private readonly ConcurrentDictionary<string, Activity> _stages = new(StringComparer.Ordinal);
    private Activity? _run;

    /// <summary>An observer exporting over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, else null: nothing is collected.</summary>
    public static TraceObserver? ForEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("OTEL_EXPORTER_OTLP_ENDPOINT") is not { Length: > 0 })
        {
            return null;
        }

        // The exporter reads the endpoint, protocol and headers from the standard OTEL_* variables itself.
        return new TraceObserver(Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(environment("OTEL_SERVICE_NAME") ?? "llmops"))
            .AddLlmOpsSources()
            .AddOtlpExporter()
            .Build());
    }

    /// <summary>The running stage's span context, as the parent of the executor's phase spans; null for other services.</summary>
    public object? ServiceFor(string stageId, Type serviceType) =>
        serviceType == typeof(ActivityContext) && _stages.TryGetValue(stageId, out var span) ? span.Context : null;

    /// <inheritdoc />
    public Task RunStartedAsync(RunRecord run, ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = Start("run " + string.Join(", ", run.Targets), default, run.StartedAt);
        _run?.SetTag("llmops.run_id", run.RunId).SetTag("llmops.targets", string.Join(",", run.Targets)).SetTag("llmops.stages", plan.Stages.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StageStartedAsync(RunRecord run, PlannedStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        // The stage's span opens where its decision began, so the decision's span lies inside it.
        StageSpan(run, stage.Id, run.Stages.FirstOrDefault(s => s.Id == stage.Id)?.DecisionStartedAt ?? DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Metric(string stageId, string name, double value, long step)
    {
    }

    /// <inheritdoc />
    public Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories)
    {
        ArgumentNullException.ThrowIfNull(record);
        // A cached or skipped stage never started; its span is the instant of its decision.
        var span = _stages.TryRemove(record.Id, out var started) ? started : StageSpan(run, record.Id, record.DecisionStartedAt ?? record.StartedAt ?? DateTimeOffset.UtcNow, keep: false);
        if (span is null)
        {
            return Task.CompletedTask;
        }

        var status = KebabCaseName.Of(record.Status);
        span.SetTag("llmops.status", status).SetTag("llmops.cache_key", record.CacheKey);
        span.AddEvent(new ActivityEvent("cache decision", tags: new ActivityTagsCollection { ["llmops.decision"] = status, ["llmops.reason"] = record.Reason }));
        DecisionSpan(span, record, record.Status is StageStatus.Cached or StageStatus.Skipped or StageStatus.NotRun || record.StartedAt is null ? status : "run");
        span.AddEvent(new ActivityEvent("inputs", tags: new ActivityTagsCollection { ["llmops.artifacts"] = string.Join(",", artifactDirectories.Keys) }));
        if (record.Outputs.Count > 0)
        {
            span.AddEvent(new ActivityEvent("commit", tags: new ActivityTagsCollection { ["llmops.outputs"] = string.Join(",", record.Outputs.Select(o => $"{o.Key}={o.Value}")) }));
        }

        if (record.Status is StageStatus.Failed or StageStatus.Cancelled)
        {
            span.SetStatus(ActivityStatusCode.Error, record.Reason);
        }

        span.SetEndTime((record.FinishedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
        span.Stop();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RunFinishedAsync(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_run is { } span)
        {
            span.SetTag("llmops.status", KebabCaseName.Of(run.Status));
            if (run.Status != RunStatus.Succeeded)
            {
                span.SetStatus(ActivityStatusCode.Error, KebabCaseName.Of(run.Status));
            }

            span.SetEndTime((run.FinishedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
            span.Stop();
        }

        provider.ForceFlush();
        provider.Dispose();
        return Task.CompletedTask;
    }

    private Activity? StageSpan(RunRecord run, string stageId, DateTimeOffset startedAt, bool keep = true)
    {
        var span = Start(stageId, _run?.Context ?? default, startedAt);
        span?.SetTag("llmops.run_id", run.RunId).SetTag("llmops.stage", stageId);
        if (span is not null && keep)
        {
            _stages[stageId] = span;
        }

        return span;
    }

    // Made when the stage ends, from the times the executor recorded: the reason is known only then.
    private static void DecisionSpan(Activity stage, StageRecord record, string decided)
    {
        if (record.DecisionStartedAt is not { } started || record.DecisionSeconds is not { } seconds)
        {
            return;
        }

        var decision = Start("cache decision", stage.Context, started);
        decision?.SetTag("llmops.decision", decided).SetTag("llmops.reason", record.Reason).SetTag("llmops.cache_key", record.CacheKey);
        decision?.SetEndTime((started + TimeSpan.FromSeconds(seconds)).UtcDateTime);
        decision?.Stop();
    }

    // Started with an explicit parent and without becoming Activity.Current, so the executor's async flow (stages run
    // in parallel) never parents one stage's span under another's.
    private static Activity? Start(string name, ActivityContext parent, DateTimeOffset startedAt)
    {
        var previous = Activity.Current;
        var activity = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: startedAt);
        Activity.Current = previous;
        return activity;
    }
}
