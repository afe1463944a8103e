namespace LlmOps.Tracking;

/// <summary>MLflow's run states; the numbers are MLflow's enum values.</summary>
public enum RunStatus
{
    /// <summary>Still running.</summary>
    Running = 1,

    /// <summary>Scheduled, not started.</summary>
    Scheduled = 2,

    /// <summary>Ended successfully.</summary>
    Finished = 3,

    /// <summary>Ended with an error.</summary>
    Failed = 4,

    /// <summary>Cancelled.</summary>
    Killed = 5,
}
