namespace LlmOps.Packaging;

/// <summary>What <see cref="PackageVerifier"/> checked and found.</summary>
/// <param name="Directory">The package directory.</param>
/// <param name="Checks">Every check, in the order made.</param>
public sealed record PackageVerification(string Directory, IReadOnlyList<PackageCheck> Checks)
{
    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    public IEnumerable<PackageCheck> Failures => Checks.Where(c => !c.Passed);
}

/// <summary>One check of a package.</summary>
/// <param name="Name">What was checked (<c>signature</c>, <c>archive digest</c>).</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">A sentence saying what was found, naming the file or key.</param>
public sealed record PackageCheck(string Name, bool Passed, string Detail);
