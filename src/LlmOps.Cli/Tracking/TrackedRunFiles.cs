using System.Text.Json;

namespace LlmOps.Cli.Tracking;

/// <summary>Reads and writes <see cref="TrackedRun"/> files in the run folders (atomically; a damaged one reads as missing).</summary>
/// <param name="runsRoot">The <c>.llmops/runs</c> folder.</param>
public sealed class TrackedRunFiles(string runsRoot)
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "tracking.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Where the run <paramref name="runId"/> was tracked, or null when it was not or the file is damaged.</summary>
    public TrackedRun? Load(string runId)
    {
        var path = PathOf(runId);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<TrackedRun>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the file of run <paramref name="runId"/>.</summary>
    public void Save(string runId, TrackedRun run) => AtomicFile.WriteAllText(PathOf(runId), JsonSerializer.Serialize(run, Json));

    /// <summary>Runs whose tracker run was never ended, by run id.</summary>
    public IEnumerable<(string RunId, TrackedRun Run)> Unended() =>
        Directory.Exists(runsRoot)
            ? Directory.EnumerateFiles(runsRoot, FileName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 })
                .Select(f => Path.GetFileName(Path.GetDirectoryName(f))!)
                .Select(id => (id, Load(id)))
                .Where(x => x.Item2 is { Ended: false })
                .Select(x => (x.id, x.Item2!))
            : [];

    private string PathOf(string runId) => Path.Combine(runsRoot, runId, FileName);
}
