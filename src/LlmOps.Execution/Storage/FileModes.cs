namespace LlmOps.Execution;

/// <summary>Store objects are read-only so that a stage writing to a hard-linked input fails instead of corrupting the store.</summary>
internal static class FileModes
{
    public static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    public static void MakeWritable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) & ~FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>Makes the folders of a materialized tree read-only, so a stage not running as root cannot add, remove or rename files in it.</summary>
    public static void MakeFoldersReadOnly(string tree) => SetFolderModes(tree, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    /// <summary>Makes a tree's folders writable again so that it can be deleted.</summary>
    public static void MakeFoldersWritable(string tree) => SetFolderModes(tree, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    private static void SetFolderModes(string tree, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(tree))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(tree, "*", SearchOption.AllDirectories).Prepend(tree).ToList())
        {
            if (new DirectoryInfo(folder).LinkTarget is null)
            {
                File.SetUnixFileMode(folder, mode);
            }
        }
    }
}
