using System.Diagnostics;
using System.Text.Json;

namespace LlmOps.Execution;

/// <summary>Run folders under <c>.llmops/runs</c>: one per run, with <c>run.json</c> and <c>logs/&lt;stage&gt;.log</c>.</summary>
public sealed class RunStore(string root)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Lock _writeLock = new();

    /// <summary>The runs folder.</summary>
    public string Root { get; } = root;

    /// <summary>A new, sortable run id: <c>20261128-181500-3f2a</c>.</summary>
    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..4]}";

    /// <summary>The folder of a run.</summary>
    public string RunDirectory(string runId) => Path.Combine(Root, runId);

    /// <summary>Writes the record atomically.</summary>
    public void Save(RunRecord record)
    {
        lock (_writeLock)
        {
            AtomicFile.WriteAllText(Path.Combine(RunDirectory(record.RunId), "run.json"), JsonSerializer.Serialize(record, Json));
        }
    }

    /// <summary>Reads a run record; a run whose process is gone while marked running is reported as interrupted.</summary>
    public RunRecord? Load(string runId)
    {
        var path = Path.Combine(RunDirectory(runId), "run.json");
        if (!File.Exists(path))
        {
            return null;
        }

        var record = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json);
        if (record is { Status: RunStatus.Running } && !IsAlive(record.ProcessId))
        {
            record.Status = RunStatus.Interrupted;
            foreach (var stage in record.Stages.Where(s => s.Status == StageStatus.Running))
            {
                stage.Status = StageStatus.Cancelled;
                stage.Reason = "the process running it was killed";
            }
        }

        return record;
    }

    /// <summary>Run ids, newest first.</summary>
    public IEnumerable<string> RunIds() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).OrderDescending(StringComparer.Ordinal)
            : [];

    /// <summary>The newest run record, or null.</summary>
    public RunRecord? Latest()
    {
        // Ids sort by the second they were made in; runs started within the same second are told apart by their
        // start times, not by the random suffix.
        foreach (var second in RunIds().GroupBy(id => id.Length > 15 ? id[..15] : id))
        {
            var newest = second.Select(Load).OfType<RunRecord>().MaxBy(r => r.StartedAt);
            if (newest is not null)
            {
                return newest;
            }
        }

        return null;
    }

    private static bool IsAlive(int pid)
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
