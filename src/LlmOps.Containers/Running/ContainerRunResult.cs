using LlmOps.Containers.Errors;

namespace LlmOps.Containers.Running;

/// <summary>The outcome of <see cref="ContainerRunner.RunAsync"/> (last attempt).</summary>
public sealed record ContainerRunResult
{
    /// <summary>Exit code of the last attempt.</summary>
    public required long ExitCode { get; init; }

    /// <summary>Wall time of the whole call, image resolution and retries included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Last log lines of the last attempt, secrets masked.</summary>
    public required IReadOnlyList<string> LogTail { get; init; }

    /// <summary>The image ID (sha256:...) the container ran; put it in the stage cache key.</summary>
    public required string ImageId { get; init; }

    /// <summary>Number of attempts made (1 without retries).</summary>
    public required int Attempts { get; init; }

    /// <summary>Whether the kernel OOM killer ended the last attempt.</summary>
    public bool OomKilled { get; init; }

    /// <summary>Whether GPUs were requested but dropped because of <see cref="ContainerRunRequest.AllowCpuFallback"/>.</summary>
    public bool RanWithoutRequestedGpus { get; init; }

    /// <summary>Stage name, for messages.</summary>
    public required string StageName { get; init; }

    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="ContainerExitException"/> (exit code and log tail in the message) unless the run succeeded.</summary>
    public ContainerRunResult EnsureSuccess() =>
        Succeeded ? this : throw new ContainerExitException(StageName, ExitCode, LogTail, OomKilled);
}
