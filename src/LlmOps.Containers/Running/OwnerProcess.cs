using System.Diagnostics;
using System.Globalization;

namespace LlmOps.Containers.Running;

/// <summary>Identifies a process by host, PID and start time, so a recycled PID is not taken for a live owner.</summary>
internal sealed record OwnerProcess(string Host, int Pid, long StartedUnixMs)
{
    private static readonly Lazy<OwnerProcess> CurrentLazy = new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return new OwnerProcess(Environment.MachineName, self.Id, StartMs(self));
    });

    public static OwnerProcess Current => CurrentLazy.Value;

    public static OwnerProcess? FromLabels(IDictionary<string, string>? labels)
    {
        if (labels is null
            || !labels.TryGetValue(ContainerLabels.OwnerHost, out var host)
            || !labels.TryGetValue(ContainerLabels.OwnerPid, out var pidText)
            || !labels.TryGetValue(ContainerLabels.OwnerStarted, out var startedText)
            || !int.TryParse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(startedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var started))
        {
            return null;
        }

        return new OwnerProcess(host, pid, started);
    }

    public bool IsOnThisHost => string.Equals(Host, Environment.MachineName, StringComparison.Ordinal);

    /// <summary>Only meaningful on this host.</summary>
    public bool IsAlive()
    {
        try
        {
            using var process = Process.GetProcessById(Pid);
            return !process.HasExited && Math.Abs(StartMs(process) - StartedUnixMs) < 2000;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void AddTo(IDictionary<string, string> labels)
    {
        labels[ContainerLabels.OwnerHost] = Host;
        labels[ContainerLabels.OwnerPid] = Pid.ToString(CultureInfo.InvariantCulture);
        labels[ContainerLabels.OwnerStarted] = StartedUnixMs.ToString(CultureInfo.InvariantCulture);
    }

    private static long StartMs(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
}
