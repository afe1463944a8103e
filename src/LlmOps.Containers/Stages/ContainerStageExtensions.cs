using LlmOps.Containers.Errors;
using LlmOps.Containers.Specs;
using LlmOps.Dsl;

namespace LlmOps.Containers.Stages;

/// <summary>The DSL entry point for container stages: <c>.InContainer(c =&gt; c.Image(...).Command(...).Gpus(2))</c>.</summary>
public static class ContainerStageExtensions
{
    // Image pulls and builds happen inside the stage too, so the stage limit leaves room beyond the container's own.
    private static readonly TimeSpan StageTimeoutMargin = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Runs the stage's work in a container. Consumed artifacts are mounted read-only at
    /// <c>/llmops/inputs/&lt;artifact&gt;</c>; the container writes each produced artifact to
    /// <c>/llmops/outputs/&lt;artifact&gt;</c> and may append metrics to <c>/llmops/outputs/metrics.jsonl</c>.
    /// The spec is built here, at definition time, so a bad setting is a definition error; nothing touches the
    /// engine until the cache key is computed. A GPU request also marks the stage as needing GPUs, so workflow
    /// emitters route it to GPU runners. Without an explicit <c>.Timeout</c> on the stage, the stage limit
    /// (also the CI job limit) is the container timeout per attempt plus 15 minutes for the image.
    /// </summary>
    /// <exception cref="ContainerStageException">The spec is invalid (shown as a definition error naming the stage).</exception>
    public static IStageDefinition InContainer(this IStageDefinition stage, Action<ContainerSpecBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ContainerSpecBuilder();
        configure(builder);
        var spec = builder.Build();
        stage.With(new ContainerStage(spec));
        if (spec.Gpus is { } gpus)
        {
            stage.With(new GpuRequirement(gpus.Count, gpus.DeviceIds ?? []));
        }

        if (spec.Timeout is { } limit && stage.Declaration.TimeoutValue is null)
        {
            stage.Timeout(limit * spec.Retry.MaxAttempts + StageTimeoutMargin);
        }

        return stage;
    }
}
