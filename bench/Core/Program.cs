using System.Diagnostics;
using LlmOps.Bench.Core;
using LlmOps.Cli;
using LlmOps.Planning;

// Measures the executor on 1,000 no-op stages and the warm start of ./build.sh against `dotnet run` (NUKE's way),
// in the same run, and prints the results as a table. Run from the repository root:
//   dotnet run -c Release --project bench/Core -- [--skip-startup]
var repoRoot = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(repoRoot, "build.sh")))
{
    Console.Error.WriteLine("Run from the repository root (where build.sh is).");
    return 2;
}

var rows = new List<(string What, string Peer, double Ours, double? PeerValue, string Unit)>();
var temp = Directory.CreateTempSubdirectory("llmops-bench-");
Directory.CreateDirectory(Path.Combine(temp.FullName, ".nuke"));
try
{
    var planWatch = Stopwatch.StartNew();
    var models = PipelineLoader.LoadAll([typeof(SyntheticPipeline)], ParameterSources.Empty(temp.FullName));
    var graph = StageGraph.Build(models);
    var plan = PlanBuilder.Build(graph, [models[0].Stages[^1]], SkipSelection.None);
    planWatch.Stop();
    rows.Add(("plan 1,000 stages (load, validate, order)", "", planWatch.Elapsed.TotalMilliseconds, null, "ms"));

    var app = new LlmOpsApp(typeof(SyntheticPipeline)) { Output = TextWriter.Null };
    var quietOut = Console.Out;
    Console.SetOut(TextWriter.Null);
    var full = Stopwatch.StartNew();
    var code = await app.RunAsync(["S0999", "--root", temp.FullName], CancellationToken.None);
    full.Stop();
    var cached = Stopwatch.StartNew();
    var code2 = await app.RunAsync(["S0999", "--root", temp.FullName], CancellationToken.None);
    cached.Stop();
    Console.SetOut(quietOut);
    if (code != 0 || code2 != 0)
    {
        Console.Error.WriteLine($"runs failed: {code}, {code2}");
        return 1;
    }

    rows.Add(("full run, 1,000 no-op stages", "", full.Elapsed.TotalMilliseconds, null, "ms"));
    rows.Add(("cached re-run, 1,000 stages (goal < 1,000 ms)", "full run", cached.Elapsed.TotalMilliseconds, full.Elapsed.TotalMilliseconds, "ms"));
}
finally
{
    temp.Delete(recursive: true);
}

if (!args.Contains("--skip-startup"))
{
    Run("./build.sh", "--help"); // builds once if needed, so the measured runs are warm
    var ours = Median(Enumerable.Range(0, 10).Select(_ => Run("./build.sh", "--help")));
    Run("dotnet", "run --project build/_build.csproj -- --help");
    var theirs = Median(Enumerable.Range(0, 5).Select(_ => Run("dotnet", "run --project build/_build.csproj -- --help")));
    rows.Add(("warm ./build.sh --help (goal < 500 ms, 3x faster)", "dotnet run --project build/_build.csproj", ours, theirs, "ms"));
}

Console.WriteLine($"| {"measurement",-52} | {"LlmOps",10} | {"peer",-42} | {"peer value",10} | {"peer / LlmOps",13} |");
Console.WriteLine($"|{new string('-', 54)}|{new string('-', 12)}|{new string('-', 44)}|{new string('-', 12)}|{new string('-', 15)}|");
foreach (var (what, peer, value, peerValue, unit) in rows)
{
    var ratio = peerValue is { } p ? $"{p / value:0.0}x" : "";
    var peerText = peerValue is { } pv ? $"{pv:0} {unit}" : "";
    Console.WriteLine($"| {what,-52} | {value,7:0} {unit} | {peer,-42} | {peerText,10} | {ratio,13} |");
}

return 0;

static double Run(string file, string arguments)
{
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    process.StandardOutput.ReadToEnd();
    process.StandardError.ReadToEnd();
    process.WaitForExit();
    watch.Stop();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}");
    }

    return watch.Elapsed.TotalMilliseconds;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
