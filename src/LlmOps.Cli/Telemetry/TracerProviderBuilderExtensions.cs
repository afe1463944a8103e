using OpenTelemetry.Trace;

namespace LlmOps.Cli.Telemetry;

/// <summary>What a tracer provider needs to receive every LlmOps span.</summary>
public static class TracerProviderBuilderExtensions
{
    /// <summary>Adds LlmOps' activity sources and outgoing HTTP calls (MLflow, registries, served models) as client spans.</summary>
    public static TracerProviderBuilder AddLlmOpsSources(this TracerProviderBuilder builder) =>
        builder.AddSource([.. TraceObserver.SourceNames]).AddHttpClientInstrumentation();
}
