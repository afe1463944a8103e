using System.Runtime.InteropServices;

namespace LlmOps.Runtime;

/// <summary>
/// Hard links let a stage read, and a tracker keep, a multi-gigabyte artifact without a copy. .NET has no API for
/// them, hence link(2).
/// </summary>
public static class HardLink
{
    /// <summary>Links <paramref name="link"/> to <paramref name="existing"/>, or copies it where links are not possible.</summary>
    public static void CreateOrCopy(string existing, string link)
    {
        if (!TryCreate(existing, link))
        {
            File.Copy(existing, link);
        }
    }

    /// <summary>Links <paramref name="link"/> to <paramref name="existing"/>; false where the platform or file system cannot (another device, Windows).</summary>
    public static bool TryCreate(string existing, string link)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        try
        {
            return Link(existing, link) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string link);
}
