using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// A deployment's approval: a <c>suspend</c> task in front of the deploying task, as an environment's required
/// reviewers gate a CI job. Someone resumes it (<c>argo resume</c>, the UI) once the deployment is approved.
/// </summary>
internal static class Approval
{
    public static string TaskName(WorkflowJob job) => "approve-" + ArgoContext.TaskName(job);

    public static string TemplateName(string environment) => "approve-" + ArgoNames.Kebab(environment);

    public static YamlMapping Template(string environment) => new YamlMapping().Add("name", TemplateName(environment)).Add("suspend", new YamlMapping());
}
