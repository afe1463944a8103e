using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// A job's time limit: its stages' timeouts plus setup, and the most each kind of runner allows. A limit beyond the
/// runner's is not a limit the platform keeps (GitHub ends a hosted job at six hours whatever the file says), and
/// one beyond an <see cref="int"/> wrapped around to a negative number before; both are emission errors now.
/// </summary>
internal static class JobTimeouts
{
    /// <summary>GitHub-hosted runners and Microsoft-hosted agents end a job after six hours.</summary>
    public const int HostedMinutes = 6 * 60;

    /// <summary>GitHub ends a job on a self-hosted runner after five days.</summary>
    public const int GitHubSelfHostedMinutes = 5 * 24 * 60;

    /// <summary>Azure sets no limit for self-hosted agents; this is the largest the file can say (a year).</summary>
    public const int AzureSelfHostedMinutes = 365 * 24 * 60;

    /// <summary>The job's limit in minutes: the sum of its stages' timeouts (default one hour each) and <paramref name="setupMinutes"/>.</summary>
    public static int Minutes(IReadOnlyList<PlannedStage> stages, TimeSpan defaultTimeout, int setupMinutes, string where, string job)
    {
        var minutes = Math.Ceiling(stages.Sum(s => (s.Stage.Definition.TimeoutValue ?? defaultTimeout).TotalMinutes)) + setupMinutes;
        return minutes <= AzureSelfHostedMinutes
            ? (int)minutes
            : throw new EmissionException($"{where}: job '{job}' would have a time limit of {Describe(minutes)}, more than any CI platform keeps; give its stages a Timeout of at most {HostedMinutes - setupMinutes} minutes for hosted runners.");
    }

    /// <summary>Fails when <paramref name="job"/>'s limit is more than <paramref name="limit"/>, the most its runner keeps.</summary>
    public static void Check(string where, WorkflowJob job, int limit, string runner)
    {
        if (job.TimeoutMinutes > limit)
        {
            throw new EmissionException($"{where}: job '{job.Name}' would have a time limit of {job.TimeoutMinutes} minutes (its stages' timeouts and {WorkflowPlanner.SetupMinutes} for setup), but {runner} end a job after {limit} minutes; shorten the stages' Timeout or route the job to a self-hosted runner.");
        }
    }

    private static string Describe(double minutes) => minutes > 1e9 ? "more than a billion minutes" : $"{minutes:0} minutes";
}
