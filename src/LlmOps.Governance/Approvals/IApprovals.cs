using LlmOps.Dsl;

namespace LlmOps.Governance;

/// <summary>
/// A component that gives a pipeline <c>--approve "&lt;reason&gt;"</c>: run locally, a governed stage that requires
/// approval records the local user as the approver with this reason, and fails without it. In CI the environment's
/// reviewers gate the job instead and the actor is recorded.
/// </summary>
public interface IApprovals : IPipeline
{
    /// <summary>Why the person running this approves the deployment.</summary>
    [Parameter("Approve the deployment a governed stage requires approval for (locally), with this reason; recorded with who and when")]
    string Approve => TryGetValue(() => Approve) ?? "";
}
