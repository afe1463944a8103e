using System.Diagnostics;

namespace LlmOps.Containers.Running;

/// <summary>
/// Trace spans of container work: making the image present (pull or build) and each run attempt, with the container's
/// name, id, image and exit code. They nest under whatever span is current (the stage's body when the run is traced)
/// and cost nothing when no tracer listens.
/// </summary>
public static class ContainerTracing
{
    /// <summary>The activity source a tracer adds to receive these spans.</summary>
    public const string SourceName = "LlmOps.Containers";

    internal static readonly ActivitySource Source = new(SourceName);
}
