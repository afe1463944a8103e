namespace LlmOps.Containers.Running;

/// <summary>Labels put on every container the runner creates, so leftovers of a killed run can be found.</summary>
public static class ContainerLabels
{
    /// <summary>Always "true" on containers created by LlmOps.</summary>
    public const string Managed = "llmops.managed";

    /// <summary>The pipeline run ID.</summary>
    public const string RunId = "llmops.run-id";

    /// <summary>The stage name.</summary>
    public const string Stage = "llmops.stage";

    /// <summary>Host name of the process that created the container.</summary>
    public const string OwnerHost = "llmops.owner-host";

    /// <summary>PID of the process that created the container.</summary>
    public const string OwnerPid = "llmops.owner-pid";

    /// <summary>Start time (Unix ms) of that process, so a recycled PID is not mistaken for the owner.</summary>
    public const string OwnerStarted = "llmops.owner-started";

    /// <summary>
    /// Which orphan collector may remove the container: only one created with the same scope (see
    /// <see cref="Cleanup.OrphanCollector"/>). Absent on the containers of ordinary runs, which every unscoped collector
    /// on the engine looks after; a suite of tests that fakes dead owners sets it, so no other run reaps its fakes.
    /// </summary>
    public const string Scope = "llmops.scope";

    /// <summary>Prefix reserved for these labels; user labels may not use it.</summary>
    public const string ReservedPrefix = "llmops.";
}
