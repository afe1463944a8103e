namespace LlmOps.Emission;

/// <summary>The <c>runs-on</c> labels of a GitHub Actions job, and whether that runner has GPUs.</summary>
/// <param name="Labels">The labels; a job runs on a runner that has all of them.</param>
/// <param name="HasGpus">Whether the runner has GPUs. GPU stages may only be routed to such runners.</param>
public sealed record GitHubRunner(IReadOnlyList<string> Labels, bool HasGpus)
{
    /// <summary>The default runner: GitHub-hosted Ubuntu, no GPUs.</summary>
    public static GitHubRunner UbuntuLatest { get; } = Hosted("ubuntu-latest");

    /// <summary>The default GPU runner: <c>[self-hosted, linux, gpu]</c>.</summary>
    public static GitHubRunner DefaultGpu { get; } = SelfHostedGpu("linux", "gpu");

    /// <summary>A GitHub-hosted runner image such as <c>ubuntu-24.04</c>; it has no GPUs.</summary>
    public static GitHubRunner Hosted(string image) => new([image], false);

    /// <summary>A self-hosted runner without GPUs; <c>self-hosted</c> is added before the labels.</summary>
    public static GitHubRunner SelfHosted(params string[] labels) => new(["self-hosted", .. labels], false);

    /// <summary>A self-hosted runner with GPUs; <c>self-hosted</c> is added before the labels.</summary>
    public static GitHubRunner SelfHostedGpu(params string[] labels) => new(["self-hosted", .. labels], true);

    /// <inheritdoc />
    public bool Equals(GitHubRunner? other) => other is not null && HasGpus == other.HasGpus && Labels.SequenceEqual(other.Labels);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HasGpus, Labels.Count);
}
