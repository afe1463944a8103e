using System.Runtime.InteropServices;

namespace LlmOps.Execution;

/// <summary>
/// Size, modification time and inode of a file: DVC's fast path for "unchanged since last hashed". .NET exposes
/// no inode, so it is read with stat(2) on Linux; elsewhere size and mtime are used.
/// </summary>
/// <param name="Size">File size in bytes.</param>
/// <param name="ModifiedTicks">Last write time (UTC ticks).</param>
/// <param name="Inode">Inode number, or 0 when unknown.</param>
public readonly record struct FileIdentity(long Size, long ModifiedTicks, ulong Inode)
{
    /// <summary>Reads the identity of <paramref name="path"/>.</summary>
    public static FileIdentity Of(string path)
    {
        var info = new FileInfo(path);
        return new FileIdentity(info.Length, info.LastWriteTimeUtc.Ticks, InodeOf(path));
    }

    private static ulong InodeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        // struct stat is at most 144 bytes on Linux; st_ino is the second 8-byte field on x86-64 and arm64.
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            return Stat(path, ref MemoryMarshal.GetReference(buffer)) == 0 ? BitConverter.ToUInt64(buffer[8..16]) : 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref byte buffer);
}
