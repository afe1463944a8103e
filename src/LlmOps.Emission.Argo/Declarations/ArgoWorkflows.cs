namespace LlmOps.Emission;

/// <summary>Entry point for declaring Argo Workflows templates beside the CI workflows of <see cref="IHasWorkflows"/>.</summary>
public static class ArgoWorkflows
{
    /// <summary>
    /// A <c>WorkflowTemplate</c> named <paramref name="name"/> and a <c>Workflow</c> that submits it, written to
    /// <c>deploy/argo/&lt;name&gt;.workflowtemplate.yaml</c> and <c>deploy/argo/&lt;name&gt;.workflow.yaml</c>.
    /// </summary>
    public static ArgoTemplate Template(string name) => new(name);
}
