namespace LlmOps.Cli;

/// <summary>Finds the repository root as NUKE does: the nearest folder upwards that holds a <c>.nuke</c> folder.</summary>
public static class RootFinder
{
    /// <summary>The root: <c>--root</c>, then LLMOPS_ROOT, then the nearest ancestor of the current folder with <c>.nuke/</c>.</summary>
    public static string Find(string? explicitRoot, Func<string, string?> environment)
    {
        if (explicitRoot is not null)
        {
            return Path.GetFullPath(explicitRoot);
        }

        if (environment("LLMOPS_ROOT") is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }

        throw new UsageException("No .nuke folder found in this folder or any parent; run from inside the repository or pass --root <dir>.");
    }
}
