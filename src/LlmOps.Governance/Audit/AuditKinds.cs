namespace LlmOps.Governance.Audit;

/// <summary>The kinds of decision the trail records; other libraries may use their own lower-case names.</summary>
public static class AuditKinds
{
    /// <summary>An evaluation gate's outcome.</summary>
    public const string Gate = "gate";

    /// <summary>A gate rule let through by a person, with the reason.</summary>
    public const string Override = "override";

    /// <summary>A gate threshold different from its committed default.</summary>
    public const string ThresholdChange = "threshold-change";

    /// <summary>A governance policy's result.</summary>
    public const string Policy = "policy";

    /// <summary>Who approved a deployment to an environment that requires it.</summary>
    public const string Approval = "approval";

    /// <summary>A package deployed to a target.</summary>
    public const string Deployment = "deployment";

    /// <summary>A deployment rolled back to an earlier version.</summary>
    public const string Rollback = "rollback";

    /// <summary>A torn last line (a writer stopped mid-append) moved aside before the next append.</summary>
    public const string Repair = "repair";
}
