using System.Text.RegularExpressions;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// Checks that what the GPU profile runs on is pinned: the trainer image by digest, the base model by commit. A tag or
/// a branch would let two runs with the same cache key train on different bits.
/// </summary>
public static partial class PinnedReference
{
    /// <summary>
    /// Stands in for the trainer image while --trainer-image is unset; the stages that would run it require the
    /// parameter, so a plan holding them stops before anything runs and this reference is never pulled.
    /// </summary>
    public const string UnsetImage = "llmops.invalid/trainer-image-not-set@sha256:0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The image reference when it names a digest (repo@sha256:64 hex), or <see cref="UnsetImage"/> when empty.</summary>
    /// <exception cref="ArgumentException">A tag or another malformed reference.</exception>
    public static string Image(string reference) =>
        reference.Length == 0 ? UnsetImage
        : DigestReference().IsMatch(reference) ? reference
        : throw new ArgumentException($"--trainer-image '{reference}' is not pinned by digest (expected repo@sha256:<64 hex>); push the image built from pipelines/finetune/trainer/Dockerfile.gpu and pass the digest it prints");

    /// <summary>The revision when it is a full commit hash.</summary>
    /// <exception cref="ArgumentException">A branch, a tag or a short hash.</exception>
    public static string Revision(string revision) =>
        CommitHash().IsMatch(revision)
            ? revision
            : throw new ArgumentException($"--base-model-revision '{revision}' is not a commit (40 hex digits); a branch or tag can move between runs");

    [GeneratedRegex("^[a-z0-9]+(?:[._/:-][a-z0-9]+)*@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestReference();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitHash();
}
