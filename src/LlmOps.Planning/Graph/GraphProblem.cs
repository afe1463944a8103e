namespace LlmOps.Planning;

/// <summary>A problem of the stage graph and the pipelines it belongs to (two or more for a cycle across pipelines).</summary>
/// <param name="Pipelines">The pipelines to leave out because of it.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record GraphProblem(IReadOnlyList<PipelineModel> Pipelines, string Message);
