using LlmOps.Cli;

namespace LlmOps.Packaging;

/// <summary>
/// What <c>./build.sh Verify [&lt;package or deployment&gt;]</c> checks for packages: a package directory, a deployment
/// folder (<c>.llmops/deployments/&lt;name&gt;</c>, whose <c>current</c> names the deployed version) or, without a
/// path, every local deployment. Trusted keys are the committed public keys under <c>.nuke/signing-keys/</c>.
/// </summary>
public sealed class PackageVerifyTarget : IVerifyTarget
{
    /// <inheritdoc />
    public string Describes => "a package directory or a deployment (hashes, signature by a committed key, statement subject, ML-BOM schema)";

    /// <inheritdoc />
    public int Verify(CliContext context, string? path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trusted = TrustedKeys.Load(context.RootDirectory);
        IReadOnlyList<string> packages;
        if (path is null)
        {
            var deployments = StateLayout.Of(context.RootDirectory).Deployments;
            packages = Directory.Exists(deployments)
                ? Directory.EnumerateDirectories(deployments).Order(StringComparer.Ordinal).SelectMany(d => DeployedPackages(context, d)).ToList()
                : [];
            if (packages.Count == 0)
            {
                context.Error.WriteLine($"Nothing to verify: no deployed package under {Path.GetRelativePath(context.RootDirectory, deployments)}/<name>/current. Deploy one, or name a package directory: ./build.sh Verify <path>");
                return 2;
            }
        }
        else
        {
            var full = Path.GetFullPath(path, context.RootDirectory);
            packages = File.Exists(Path.Combine(full, PackageLayout.Record)) ? [full] : DeployedPackages(context, full);
            if (packages.Count == 0)
            {
                context.Error.WriteLine($"{path}: neither a package directory (no {PackageLayout.Record}) nor a deployment with a package in its 'current' version");
                return 2;
            }
        }

        var exit = 0;
        foreach (var package in packages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = PackageVerifier.Verify(package, trusted);
            context.Output.WriteLine($"Package {Path.GetRelativePath(context.RootDirectory, package)} ({trusted.Count} trusted key(s) in {TrustedKeys.PublicFolder}/):");
            Print(context, result);
            PrintPublication(context, package);
            exit = result.Passed ? exit : 1;
        }

        return exit;
    }

    /// <summary>Writes each check of <paramref name="result"/> and the verdict, as <c>Verify</c> and <c>Pull</c> show them.</summary>
    internal static void Print(CliContext context, PackageVerification result)
    {
        foreach (var check in result.Checks)
        {
            context.Output.WriteLine($"  {(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        context.Output.WriteLine(result.Passed ? "  verified." : $"  NOT verified: {result.Failures.Count()} check(s) failed.");
    }

    // Where the package was published is not a check (the registry may be out of reach), but the reader wants it.
    private static void PrintPublication(CliContext context, string package)
    {
        try
        {
            if (PackagePublication.Of(package) is { } publication)
            {
                context.Output.WriteLine($"  published as {publication.Artifact}" + (publication.Modelcar is { } m ? $", modelcar {m}" : "") + $" (./build.sh Pull {publication.Artifact} checks the registry's copy)");
            }
        }
        catch (PackageException e)
        {
            context.Output.WriteLine($"  {PackageLayout.Publication} is unreadable: {e.Message}");
        }
    }

    // A deployment's 'current' is a link to the version folder or a file naming it; the package is in that folder or below it.
    private static List<string> DeployedPackages(CliContext context, string deployment)
    {
        var current = Path.Combine(deployment, "current");
        string? version = null;
        if (Directory.Exists(current))
        {
            version = current;
        }
        else if (File.Exists(current))
        {
            version = Path.Combine(deployment, File.ReadAllText(current).Trim());
        }

        if (version is null || !Directory.Exists(version))
        {
            context.Error.WriteLine($"{Path.GetRelativePath(context.RootDirectory, deployment)}: no current version to verify");
            return [];
        }

        var found = Directory.EnumerateFiles(version, PackageLayout.Record, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 })
            .Select(Path.GetDirectoryName)
            .OfType<string>()
            .Where(d => File.Exists(Path.Combine(d, PackageLayout.Archive)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (found.Count == 0)
        {
            context.Error.WriteLine($"{Path.GetRelativePath(context.RootDirectory, version)}: the deployed version holds no package ({PackageLayout.Archive} with {PackageLayout.Record})");
        }

        return found;
    }
}
