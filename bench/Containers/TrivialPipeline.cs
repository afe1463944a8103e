using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Dsl;

namespace LlmOps.Bench.Containers;

/// <summary>One trivial container stage, run through the planner and executor like any pipeline stage.</summary>
public sealed class TrivialPipeline : Pipeline
{
    [Parameter("The image to run")]
    readonly string Image = "llmops-ci/debian:bookworm";

    // Not cached, so every iteration runs the container: key (engine connect + image inspect), orphan sweep, run.
    Stage Noop => _ => _
        .NotCached("benchmark")
        .InContainer(c => c.Image(Image).Command("true").PullPolicy(PullPolicy.Never));
}
