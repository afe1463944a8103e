using System.Runtime.InteropServices;

namespace LlmOps.Execution;

/// <summary>Hard links let a stage read a multi-gigabyte artifact without a copy. .NET has no API for them, hence link(2).</summary>
internal static class HardLink
{
    public static void CreateOrCopy(string existing, string link)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            try
            {
                if (Link(existing, link) == 0)
                {
                    return;
                }
            }
            catch (EntryPointNotFoundException)
            {
            }
        }

        File.Copy(existing, link);
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string link);
}
