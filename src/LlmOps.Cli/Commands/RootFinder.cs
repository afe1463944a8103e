namespace LlmOps.Cli;

/// <summary>Finds the repository root as NUKE does: the nearest folder upwards that holds a <c>.nuke</c> folder.</summary>
public static class RootFinder
{
    /// <summary>The root: <c>--root</c>, then LLMOPS_ROOT, then the nearest ancestor of the current folder with <c>.nuke/</c>.</summary>
    public static string Find(string? explicitRoot, Func<string, string?> environment)
    {
        if (explicitRoot is not null)
        {
            return Existing(explicitRoot, "--root");
        }

        if (environment("LLMOPS_ROOT") is { Length: > 0 } fromEnvironment)
        {
            return Existing(fromEnvironment, "LLMOPS_ROOT");
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

    // A mistyped root must not become a new repository: the schema, the state folder and the plan would be written
    // there, and a dry run would report on an empty pipeline state as if all were well.
    private static string Existing(string root, string givenBy)
    {
        var full = Path.GetFullPath(root);
        return Directory.Exists(full)
            ? full
            : throw new UsageException($"{givenBy}: the folder {full} does not exist; pass the repository's root folder.");
    }
}
