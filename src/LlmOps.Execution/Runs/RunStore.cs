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

    /// <summary>
    /// Reads a run record; a run whose process is gone while marked running is reported as interrupted. A damaged
    /// record (cut short, not JSON, fields missing) is treated as missing and <paramref name="onDamaged"/> told.
    /// </summary>
    public RunRecord? Load(string runId, Action<string>? onDamaged = null)
    {
        var path = Path.Combine(RunDirectory(runId), "run.json");
        if (!File.Exists(path))
        {
            return null;
        }

        RunRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            onDamaged?.Invoke($"{path} is damaged ({e.Message}); that run is skipped");
            return null;
        }

        if (record is null || record.RunId is null || record.Stages is null || record.Stages.Any(s => s?.Id is null) || record.Arguments is null || record.Parameters is null)
        {
            onDamaged?.Invoke($"{path} is damaged (fields are missing); that run is skipped");
            return null;
        }

        if (record is { Status: RunStatus.Running } && !ProcessLiveness.IsAlive(record.ProcessId))
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

    /// <summary>The newest readable run record, or null; <paramref name="onDamaged"/> is told of damaged ones passed over.</summary>
    public RunRecord? Latest(Action<string>? onDamaged = null)
    {
        // Ids sort by the second they were made in; runs started within the same second are told apart by their
        // start times, not by the random suffix.
        foreach (var second in RunIds().GroupBy(id => id.Length > 15 ? id[..15] : id))
        {
            var newest = second.Select(id => Load(id, onDamaged)).OfType<RunRecord>().MaxBy(r => r.StartedAt);
            if (newest is not null)
            {
                return newest;
            }
        }

        return null;
    }
}
