namespace LlmOps.Evaluation;

/// <summary>
/// The model a candidate must not be worse than: the deployed one, read from a folder when the gate runs and scored
/// on the same examples with the same predictor. When the folder is absent, the gate states a cold start.
/// </summary>
public sealed class Champion
{
    private Champion(string? path, string? subfolder) => (Path, Subfolder) = (path, subfolder);

    /// <summary>No champion: every comparison is a stated cold start.</summary>
    public static Champion None { get; } = new(null, null);

    /// <summary>The absolute folder the champion's model files are in; null for none.</summary>
    public string? Path { get; }

    /// <summary>A folder inside <see cref="Path"/> that holds the model files (<c>current</c> of a deployment), or null.</summary>
    public string? Subfolder { get; }

    /// <summary>
    /// The model deployed at the absolute <paramref name="path"/> (<c>Path.Combine(RootDirectory, DeployDirectory)</c>),
    /// inside <paramref name="subfolder"/>.
    /// </summary>
    public static Champion Deployed(string path, string? subfolder = null) =>
        string.IsNullOrWhiteSpace(path) || !System.IO.Path.IsPathFullyQualified(path)
            ? throw new ArgumentException($"a champion needs an absolute path (e.g. Path.Combine(RootDirectory, ...)), got '{path}'", nameof(path))
            : new Champion(path, subfolder);

    /// <summary>The champion's model folder, or null when there is none yet.</summary>
    public string? Locate()
    {
        if (Path is null)
        {
            return null;
        }

        var folder = Subfolder is null ? Path : System.IO.Path.Combine(Path, Subfolder);
        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() ? folder : null;
    }

    /// <inheritdoc />
    public override string ToString() => Path is null ? "none" : Subfolder is null ? Path : $"{Path}/{Subfolder}";
}
