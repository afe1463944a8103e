using System.Text.Json;

namespace LlmOps.Core.Tests.Support;

/// <summary>
/// A throw-away repository: a temporary folder with a <c>.nuke</c> folder (what RootFinder looks for), real files,
/// and helpers to run the command line against it with a private environment.
/// </summary>
public sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmops-core-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    /// <summary>Environment variables the app sees; the process environment is not consulted.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string StateDirectory => System.IO.Path.Combine(Root, ".llmops");

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public void Write(string relative, string content)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(Path(relative));

    public bool Exists(string relative) => File.Exists(Path(relative)) || Directory.Exists(Path(relative));

    /// <summary>Runs the command line against this repository, with <c>--root</c> pointing here.</summary>
    public AppResult Run(Type pipeline, params string[] args) => RunAsync([pipeline], args, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public AppResult Run(Type[] pipelines, params string[] args) => RunAsync(pipelines, args, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public async Task<AppResult> RunAsync(Type[] pipelines, IReadOnlyList<string> args, CancellationToken cancellationToken, ConcurrentWriter? output = null)
    {
        var stdout = output ?? new ConcurrentWriter();
        var stderr = new ConcurrentWriter();
        var app = new LlmOpsApp(pipelines)
        {
            Output = stdout,
            Error = stderr,
            Environment = name => Environment.GetValueOrDefault(name),
        };
        var code = await app.RunAsync([.. args, "--root", Root], cancellationToken);
        return new AppResult(code, stdout.Text, stderr.Text);
    }

    public RunStore Runs => new(System.IO.Path.Combine(StateDirectory, "runs"));

    /// <summary>The newest run record, as --continue would find it.</summary>
    public RunRecord LatestRun() => Runs.Latest() ?? throw new InvalidOperationException("no run was recorded");

    /// <summary>The newest run.json as raw JSON, to check what is on disk rather than what the API reports.</summary>
    public JsonDocument LatestRunJson() =>
        JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Runs.RunDirectory(LatestRun().RunId), "run.json")));

    public int RunCount => Runs.RunIds().Count();

    public StageRecord Stage(RunRecord run, string id) => run.Stages.Single(s => s.Id == id);

    /// <summary>Stage names in the order stage bodies actually ran (see <see cref="Trace"/>).</summary>
    public IReadOnlyList<string> Trace() => Support.Trace.Read(Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a killed child process goes with the temp folder later.
        }
        catch (UnauthorizedAccessException) when (!OperatingSystem.IsWindows())
        {
            // The store's trees have read-only folders; without root they must be opened up to be deleted.
            foreach (var folder in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
