namespace LlmOps.Execution;

/// <summary>
/// Implemented by an <see cref="IRunObserver"/> that offers services to stage bodies through
/// <see cref="Dsl.StageContext.GetService"/> (the tracker's model registry). Asked when a body asks, so a service
/// that stopped working since the stage started (tracking switched off) is no longer offered.
/// </summary>
public interface IStageServiceSource
{
    /// <summary>The service of type <paramref name="serviceType"/> for the running stage <paramref name="stageId"/>, or null.</summary>
    object? ServiceFor(string stageId, Type serviceType);
}
