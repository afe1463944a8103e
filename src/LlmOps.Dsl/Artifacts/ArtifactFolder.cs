namespace LlmOps.Dsl;

/// <summary>The common shape of artifact content: a folder of files.</summary>
/// <param name="directory">The folder holding the artifact's files.</param>
public abstract class ArtifactFolder(string directory)
{
    /// <summary>The folder holding the artifact's files. Inputs are read-only; outputs start empty.</summary>
    public string Directory { get; } = directory;

    /// <summary>The full path of a file inside the artifact.</summary>
    public string File(string relativePath) => System.IO.Path.Combine(Directory, relativePath);

    /// <summary>All files of the artifact, relative to <see cref="Directory"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Files() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
