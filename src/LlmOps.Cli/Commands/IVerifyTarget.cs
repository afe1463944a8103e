namespace LlmOps.Cli;

/// <summary>
/// Something <c>./build.sh Verify [&lt;path&gt;]</c> can check besides the store, contributed by a library (a stage kind's
/// packages) and discovered like commands: public, concrete, with a public parameterless constructor, in the
/// pipelines' reference closure. <c>Verify --store</c> stays the store's; without <c>--store</c> every target runs.
/// </summary>
public interface IVerifyTarget
{
    /// <summary>What it verifies, for <c>--help</c> (<c>packages and deployments</c>).</summary>
    string Describes { get; }

    /// <summary>
    /// Verifies <paramref name="path"/>, or what is deployed when it is null, printing each check; returns the exit
    /// code (0 verified, 1 damaged or untrusted, 2 nothing to verify at that path).
    /// </summary>
    int Verify(CliContext context, string? path, CancellationToken cancellationToken);
}
