using System.Diagnostics;

namespace LlmOps.Runtime;

/// <summary>Whether a process id still names a running process: the test for "was this left by a process that died".</summary>
public static class ProcessLiveness
{
    /// <summary>True when <paramref name="pid"/> is this process or a live one (a zombie counts as dead).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        // A killed process that nobody reaped is a zombie: it still has a pid but runs nothing.
        var stat = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux() && File.Exists(stat))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].FirstOrDefault();
                return state is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
