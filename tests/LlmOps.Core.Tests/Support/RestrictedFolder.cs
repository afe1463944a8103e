using System.Diagnostics;

namespace LlmOps.Core.Tests.Support;

/// <summary>
/// A real folder the file system itself restricts: a read-only bind mount or a small tmpfs (as root, which ignores
/// permission bits), or, for read-only without root, permission bits. Tests see the errors the kernel really gives.
/// </summary>
public sealed class RestrictedFolder : IDisposable
{
    private readonly string _path;
    private readonly bool _mounted;

    private RestrictedFolder(string path, bool mounted) => (_path, _mounted) = (path, mounted);

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Makes the existing folder <paramref name="path"/> read-only, contents kept; skips the test when it cannot.</summary>
    public static RestrictedFolder ReadOnly(string path)
    {
        if (!IsRoot)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                Assert.Skip("Read-only folders are made with Unix permissions or mounts; this is not a Unix system.");
            }

            Chmod("-R a-w", path);
            return new RestrictedFolder(path, mounted: false);
        }

        Mount($"--bind \"{path}\" \"{path}\"");
        Mount($"-o remount,bind,ro \"{path}\"");
        return new RestrictedFolder(path, mounted: true);
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "1m") on the new folder <paramref name="path"/>; skips the test when it cannot.</summary>
    public static RestrictedFolder Small(string path, string size)
    {
        if (!IsRoot)
        {
            Assert.Skip("Filling a disk needs a small tmpfs, and mounting one needs root; these tests run as another user.");
        }

        Directory.CreateDirectory(path);
        Mount($"-t tmpfs -o size={size} tmpfs \"{path}\"");
        return new RestrictedFolder(path, mounted: true);
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", $"-l \"{_path}\"");
        }
        else
        {
            Chmod("-R u+w", _path);
        }
    }

    private static void Mount(string arguments)
    {
        var (code, output) = Run("mount", arguments);
        if (code != 0)
        {
            Assert.Skip($"mount {arguments} failed here (exit {code}: {output.Trim()}); the test needs CAP_SYS_ADMIN.");
        }
    }

    private static void Chmod(string arguments, string path) => Run("chmod", $"{arguments} \"{path}\"");

    private static (int Code, string Output) Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
