using LlmOps.Cli;
using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging;

/// <summary>
/// <c>./build.sh Pull &lt;registry/repository@sha256:…&gt; [--output &lt;dir&gt;]</c>: pulls a published package by
/// digest, checks the manifest and every layer against their digests, then verifies the package as <c>Verify</c>
/// does (hashes, signature by a committed key, statement subject, ML-BOM). A registry login comes from
/// <c>LLMOPS_REGISTRY_USERNAME</c> and <c>LLMOPS_REGISTRY_PASSWORD</c>.
/// </summary>
public sealed class PullCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "Pull";

    /// <inheritdoc />
    public string Description => "Pull a published package by digest (<registry/repository@sha256:…> [--output <dir>]) and verify it as Verify does";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CommandLine.Targets.Count != 2)
        {
            context.Error.WriteLine("usage: ./build.sh Pull <registry/repository@sha256:…> [--output <dir>]  (the digest is in the package's published.json)");
            return 2;
        }

        var text = context.CommandLine.Targets[1];
        OciReference reference;
        try
        {
            reference = OciReference.Parse(text);
        }
        catch (OciException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return 2;
        }

        if (reference.Digest is null)
        {
            context.Error.WriteLine($"error: {text} names no digest. Pull by digest (…@sha256:…, as published.json records it): a tag can be moved to other bytes");
            return 2;
        }

        var output = Path.GetFullPath(context.CommandLine.Get("output") ?? Path.Combine(StateLayout.DirectoryName, "pulled", reference.Repository.Replace('/', '_') + "@" + reference.Digest[7..19]), context.RootDirectory);
        var username = context.Environment("LLMOPS_REGISTRY_USERNAME");
        var password = context.Environment("LLMOPS_REGISTRY_PASSWORD");
        try
        {
            using var client = new OciRegistryClient(string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) ? null : new OciCredentials(username, password));
            var manifest = await PackagePuller.PullAsync(reference, output, client, cancellationToken);
            context.Output.WriteLine($"Pulled {reference} into {Path.GetRelativePath(context.RootDirectory, output)}:");
            context.Output.WriteLine($"  ok   manifest digest: the manifest's bytes hash to {reference.Digest}; artifact type {manifest.ArtifactType}");
            context.Output.WriteLine($"  ok   layers: {string.Join(", ", manifest.Layers.Select(l => l.Title ?? l.Digest))} match their digests");
        }
        catch (OciException e)
        {
            context.Error.WriteLine($"error: pulling {reference} failed: {e.Message}");
            return 1;
        }

        var trusted = TrustedKeys.Load(context.RootDirectory);
        var result = PackageVerifier.Verify(output, trusted);
        PackageVerifyTarget.Print(context, result);
        return result.Passed ? 0 : 1;
    }
}
