namespace LlmOps.Runtime;

/// <summary>
/// Copies a folder's tree (its subfolders, empty ones too, and files) into another, replacing files of the same name.
/// Copies rather than moves or links: the copies belong to this process, whoever wrote the originals (a container's
/// user, another pod), so the store can make them read-only and clean-up can delete them, and the originals stay for a
/// look after a failure.
/// </summary>
public static class FolderCopy
{
    /// <summary>Copies <paramref name="source"/>'s tree into <paramref name="destination"/>, creating it.</summary>
    public static void Into(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}
