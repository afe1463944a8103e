using LlmOps.Emission.GitHub;

namespace LlmOps.Emission.Tests.Support;

/// <summary>This repository's checkout, found above the test binaries, and its pins file.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PinsText => File.ReadAllText(Path.Combine(Root, ActionPins.FilePath));

    /// <summary>
    /// What a Dependabot or Renovate bump does to a file: every <c>uses:</c> of the pin gets the new commit, and the
    /// version that ends its comment gets the new tag. Nothing else changes.
    /// </summary>
    public static string Bump(string text, PinnedAction pin, string sha, string version) =>
        text.Replace($"{pin.Reference} # {pin.Version}", $"{pin.Repository}@{sha} # {version}", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LlmOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LlmOps.sln not found above " + AppContext.BaseDirectory);
    }
}
