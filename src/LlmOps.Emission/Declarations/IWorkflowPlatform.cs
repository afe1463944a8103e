namespace LlmOps.Emission;

/// <summary>
/// A workflow platform that lives in its own library (Argo Workflows, Tekton, ...): the generator lays the declaration
/// out over the plan as for the built-in platforms and hands the layout to the declaration, which renders its files.
/// The core never learns a platform's name; <see cref="PlatformWorkflow{TSelf}"/> is the base to derive from.
/// </summary>
public interface IWorkflowPlatform
{
    /// <summary>What messages call a declaration of this platform, e.g. <c>Argo WorkflowTemplate</c>.</summary>
    string PlatformName { get; }

    /// <summary>
    /// Folders (relative to the repository root, '/' separated) where this declaration writes; generated files there
    /// that no declaration writes any more are orphans (<c>GenerateWorkflows --check</c> names them, a write deletes them).
    /// </summary>
    IReadOnlyList<string> OwnedFolders { get; }

    /// <summary>
    /// Renders the laid-out workflow as files. Throws <see cref="EmissionException"/> for what the platform cannot
    /// honour, naming the stage; every file starts with <see cref="GeneratedHeader"/>.
    /// </summary>
    IReadOnlyList<GeneratedFile> Emit(WorkflowLayout layout, string rootDirectory);
}
