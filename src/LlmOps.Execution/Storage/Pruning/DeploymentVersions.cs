namespace LlmOps.Execution;

/// <summary>
/// Which deployed versions a prune removes. A deployment target is a folder <c>.llmops/deployments/&lt;target&gt;/</c>
/// holding one folder per version and a <c>current</c> pointer naming the live one (a file holding the version, as
/// the sample's Deploy writes it, or a link to the version's folder). Kept per target: the current version and the
/// newest <c>keep</c> others, newest by the time the version's folder was written. A target whose pointer is missing
/// or names no version folder is left whole: which version is live cannot be told, and a wrong guess deletes it.
/// </summary>
public sealed class DeploymentVersions
{
    /// <summary>The pointer file (or link) in a target folder that names the live version.</summary>
    public const string CurrentPointer = "current";

    private DeploymentVersions(IReadOnlyList<string> gone, IReadOnlyList<string> unknownCurrent)
    {
        Gone = gone;
        UnknownCurrent = unknownCurrent;
    }

    /// <summary>Full paths of the version folders to remove.</summary>
    public IReadOnlyList<string> Gone { get; }

    /// <summary>Full paths of the targets left whole because their live version could not be told.</summary>
    public IReadOnlyList<string> UnknownCurrent { get; }

    /// <summary>Finds, for every target under <paramref name="deployments"/>, the versions beyond the current one and the newest <paramref name="keep"/>.</summary>
    public static DeploymentVersions Of(string deployments, int keep)
    {
        var gone = new List<string>();
        var unknown = new List<string>();
        if (!Directory.Exists(deployments))
        {
            return new DeploymentVersions(gone, unknown);
        }

        foreach (var target in Directory.EnumerateDirectories(deployments).Order(StringComparer.Ordinal))
        {
            var versions = Directory.EnumerateDirectories(target)
                .Where(d => !Path.GetFileName(d).StartsWith('.') && Path.GetFileName(d) != CurrentPointer)
                .Select(d => new DirectoryInfo(d))
                .ToList();
            var current = Current(target);
            if (current is null || !versions.Any(v => v.Name == current))
            {
                unknown.Add(target);
                continue;
            }

            gone.AddRange(versions
                .Where(v => v.Name != current)
                .OrderByDescending(v => v.LastWriteTimeUtc).ThenByDescending(v => v.Name, StringComparer.Ordinal)
                .Skip(keep)
                .Select(v => v.FullName));
        }

        return new DeploymentVersions(gone, unknown);
    }

    /// <summary>
    /// Removes a version folder: first renamed to a hidden name (readers and <c>Verify --store</c> skip hidden
    /// folders), so a prune killed half-way never leaves a half-deleted version that looks deployed.
    /// </summary>
    public static void Remove(string version)
    {
        var hidden = Path.Combine(Path.GetDirectoryName(version)!, $".pruning-{Path.GetFileName(version)}-{Guid.NewGuid():N}");
        Directory.Move(version, hidden);
        Directory.Delete(hidden, recursive: true);
    }

    // The pointer is a file holding the version's name, or a link to the version's folder.
    private static string? Current(string target)
    {
        var pointer = new FileInfo(Path.Combine(target, CurrentPointer));
        if (pointer.LinkTarget is { } link)
        {
            return Path.GetFileName(Path.TrimEndingDirectorySeparator(link));
        }

        return pointer.Exists && File.ReadAllText(pointer.FullName).Trim() is { Length: > 0 } name ? name : null;
    }
}
