using System.Runtime.InteropServices;

namespace LlmOps.Execution;

/// <summary>
/// Whether a path is a plain file, without following links: an import must not read a device (<c>/dev/zero</c> never
/// ends), a FIFO (opening it blocks) or a link to a file outside the download. .NET reports neither devices nor FIFOs
/// as such, so on Linux the file type is read with lstat(2), like <see cref="FileIdentity"/> reads the inode.
/// </summary>
internal static class EntryKind
{
    private const uint TypeMask = 0xF000;
    private const uint RegularFile = 0x8000;

    /// <summary>Null when <paramref name="path"/> is a regular file (not a link), else what it is instead.</summary>
    public static string? NotARegularFile(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return "a symbolic link";
        }

        if (Directory.Exists(path))
        {
            return "a folder";
        }

        if (!info.Exists)
        {
            return "missing";
        }

        return OperatingSystem.IsLinux() && ModeOf(path) is { } mode && (mode & TypeMask) != RegularFile ? "a special file (device, FIFO or socket)" : null;
    }

    private static uint? ModeOf(string path)
    {
        // st_mode follows st_dev, st_ino and st_nlink (8 bytes each) on x86-64, and st_dev and st_ino on arm64 and
        // the other 64-bit layouts.
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            return LStat(path, ref MemoryMarshal.GetReference(buffer)) == 0 ? BitConverter.ToUInt32(buffer[offset..(offset + 4)]) : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte buffer);
}
