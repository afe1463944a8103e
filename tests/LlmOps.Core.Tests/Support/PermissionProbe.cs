namespace LlmOps.Core.Tests.Support;

/// <summary>Whether this process writes read-only files anyway (root or CAP_DAC_OVERRIDE).</summary>
internal static class PermissionProbe
{
    public static bool WritesReadOnlyFiles(string directory)
    {
        var probe = Path.Combine(directory, "read-only-probe");
        File.WriteAllText(probe, "x");
        _ = new FileInfo(probe) { IsReadOnly = true };
        try
        {
            File.WriteAllText(probe, "y");
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            _ = new FileInfo(probe) { IsReadOnly = false };
            File.Delete(probe);
        }
    }
}
