namespace LlmOps.Evaluation;

/// <summary>
/// The model a candidate must not be worse than: the deployed one, read from a folder when the gate runs and scored
/// on the same examples with the same predictor. When the folder is absent, the gate states a cold start.
/// </summary>
public sealed class Champion
{
    private Champion(string? path, string? subfolder, IReadOnlyList<string> modelFiles) => (Path, Subfolder, ModelFiles) = (path, subfolder, modelFiles);

    /// <summary>No champion: every comparison is a stated cold start.</summary>
    public static Champion None { get; } = new(null, null, []);

    /// <summary>
    /// The files that make up the model (relative to its folder), or empty for every file: the champion's digest in
    /// the cache key covers only these, so redeploying the same model in a new package (a new verdict beside it) does
    /// not re-run the gate.
    /// </summary>
    public IReadOnlyList<string> ModelFiles { get; }

    /// <summary>The absolute folder the champion's model files are in; null for none.</summary>
    public string? Path { get; }

    /// <summary>
    /// A folder inside <see cref="Path"/> that holds the model files, or a file whose content names that folder (the
    /// <c>current</c> pointer an LlmOps deployment writes), or null.
    /// </summary>
    public string? Subfolder { get; }

    /// <summary>
    /// The model deployed at the absolute <paramref name="path"/> (<c>Path.Combine(RootDirectory, DeployDirectory)</c>),
    /// inside <paramref name="subfolder"/>.
    /// </summary>
    public static Champion Deployed(string path, string? subfolder = null, params string[] modelFiles) =>
        string.IsNullOrWhiteSpace(path) || !System.IO.Path.IsPathFullyQualified(path)
            ? throw new ArgumentException($"a champion needs an absolute path (e.g. Path.Combine(RootDirectory, ...)), got '{path}'", nameof(path))
            : new Champion(path, subfolder, modelFiles);

    /// <summary>The digest of the champion's model files, or <c>none</c> when there is no champion yet.</summary>
    public string Digest() => Locate() is { } folder ? ModelDigest.Of(folder, ModelFiles) : "none";

    /// <summary>The champion's model folder, or null when there is none yet.</summary>
    public string? Locate()
    {
        if (Path is null)
        {
            return null;
        }

        var folder = Subfolder is null ? Path : System.IO.Path.Combine(Path, Subfolder);
        if (File.Exists(folder) && File.ReadAllText(folder).Trim() is { Length: > 0 } pointed && pointed.IndexOfAny(['/', '\\']) < 0 && pointed != "..")
        {
            folder = System.IO.Path.Combine(Path, pointed);
        }

        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() ? folder : null;
    }

    /// <summary>
    /// Where the champion is, relative to the repository root (the nearest folder upwards with <c>.nuke/</c>, as the
    /// CLI finds it), so plans, logs and verdicts read the same on every machine; absolute outside any repository.
    /// </summary>
    public override string ToString()
    {
        if (Path is null)
        {
            return "none";
        }

        var shown = RepositoryRoot(Path) is { } root ? System.IO.Path.GetRelativePath(root, Path).Replace('\\', '/') : Path;
        return Subfolder is null ? shown : $"{shown}/{Subfolder}";
    }

    private static string? RepositoryRoot(string path)
    {
        for (var directory = new DirectoryInfo(path).Parent; directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
