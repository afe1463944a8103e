using LlmOps.Dsl;

namespace LlmOps.Execution;

/// <summary>
/// Implemented by an <see cref="IRunObserver"/> that publishes environment variables for processes a stage starts
/// (the tracker's run ids). Asked after <see cref="IRunObserver.StageStartedAsync"/>; secret values are masked.
/// </summary>
public interface IStageEnvironmentSource
{
    /// <summary>The variables for the stage <paramref name="stageId"/>, now running.</summary>
    IReadOnlyList<ProcessVariable> EnvironmentFor(string stageId);
}
