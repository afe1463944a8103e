namespace LlmOps.Emission;

/// <summary>
/// The base of a workflow declaration whose platform lives outside this library: it gets the fluent surface every
/// platform shares (<c>Runs</c>, <c>Group</c>, <c>OnManualDispatch</c>, ...) and implements <see cref="IWorkflowPlatform"/>.
/// </summary>
/// <typeparam name="TSelf">The concrete declaration type.</typeparam>
public abstract class PlatformWorkflow<TSelf> : WorkflowDefinition<TSelf>, IWorkflowPlatform
    where TSelf : PlatformWorkflow<TSelf>
{
    /// <summary>Creates the declaration named <paramref name="name"/>.</summary>
    protected PlatformWorkflow(string name)
        : base(name)
    {
    }

    /// <inheritdoc />
    public abstract string PlatformName { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<string> OwnedFolders { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<GeneratedFile> Emit(WorkflowLayout layout, string rootDirectory);
}
