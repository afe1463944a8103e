namespace LlmOps.Dsl;

/// <summary>
/// Implemented by stage features worth seeing in <c>--plan</c> and <c>--dry-run</c> (a container image and its GPU
/// request, a deployment environment), so a reviewer sees where and on what a stage runs without reading its code.
/// </summary>
public interface IPlanAnnotation
{
    /// <summary>A short phrase, e.g. <c>container ghcr.io/acme/trainer@sha256:afa5…, 2 GPUs, 64g</c>.</summary>
    string PlanAnnotation { get; }
}
