namespace LlmOps.Emission;

/// <summary>
/// Implemented by a pipeline class that declares CI workflows. Declarations are plain objects rather than
/// attributes, so they can use any expression (shared lists of paths, loops over environments).
/// </summary>
public interface IHasWorkflows
{
    /// <summary>The workflows to generate from this pipeline.</summary>
    IEnumerable<WorkflowDefinition> Workflows { get; }
}
