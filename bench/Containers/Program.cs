using System.Diagnostics;
using System.Globalization;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.Execution;
using LlmOps.Planning;

// Overhead of a trivial container stage against `docker run --rm` of the same image and command, interleaved in one
// process so all modes see the same engine load: the whole stage through the planner and executor (lock, run record,
// cache key with the image ID, orphan sweep, run, stage log), and ContainerRunner alone (create, start, follow logs,
// wait, inspect, remove).
var iterations = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;
var image = args.Length > 1 ? args[1] : "llmops-ci/debian:bookworm";

DockerEngine engine;
try
{
    engine = await DockerEngine.ConnectAsync();
}
catch (ContainerStageException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using (engine)
{
    var runner = new ContainerRunner(engine);

    // Same settings on both sides: no network, an init process, the command `true`.
    var spec = new ContainerSpecBuilder().Image(image).Command("true").PullPolicy(PullPolicy.Never).Build();
    string[] cliArgs = ["run", "--rm", "--init", "--network", "none", image, "true"];

    async Task<double> RunnerOnceAsync()
    {
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(spec, new ContainerRunRequest { RunId = "bench", StageName = "bench" });
        result.EnsureSuccess();
        return clock.Elapsed.TotalMilliseconds;
    }

    async Task<double> CliOnceAsync()
    {
        var clock = Stopwatch.StartNew();
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in cliArgs)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker run failed ({process.ExitCode}): {await stderr}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    var root = Path.Combine(Path.GetTempPath(), "llmops-bench-containers", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(root);
    var models = PipelineLoader.LoadAll([typeof(LlmOps.Bench.Containers.TrivialPipeline)], new ParameterSources(root, new Dictionary<string, string> { ["image"] = image }, _ => null, []));
    var plan = PlanBuilder.Build(StageGraph.Build(models), [models[0].Stages.Single()], SkipSelection.None);

    async Task<double> StageOnceAsync()
    {
        var clock = Stopwatch.StartNew();
        var record = await new LocalExecutor(new RunEnvironment(new ExecutionOptions { RootDirectory = root }), new SilentReporter(), new SecretMasker()).RunAsync(plan, CancellationToken.None);
        if (record.Status != RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"the stage failed: {record.Stages[0].Reason}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    Console.WriteLine($"Engine {engine.EngineVersion} (API {engine.ApiVersion}) at {engine.Endpoint}; image {image}; {iterations} iterations each, interleaved, after 2 warm-up runs each.");
    var modes = new (string Name, Func<Task<double>> Once, List<double> Times)[]
    {
        ("container stage (executor)", StageOnceAsync, []),
        ("ContainerRunner", RunnerOnceAsync, []),
        ("docker run --rm (CLI)", CliOnceAsync, []),
    };
    foreach (var mode in modes.Concat(modes))
    {
        await mode.Once();
    }

    for (var i = 0; i < iterations; i++)
    {
        // Rotate which goes first so no mode always follows another's cleanup.
        for (var j = 0; j < modes.Length; j++)
        {
            var mode = modes[(i + j) % modes.Length];
            mode.Times.Add(await mode.Once());
        }
    }

    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
    }

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    var cli = modes[^1].Times;
    Console.WriteLine();
    Console.WriteLine("| mode | median ms | p90 ms | min ms | max ms | median / CLI | p90 / CLI |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (name, _, times) in modes)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(times, 0.5):F1} | {Percentile(times, 0.9):F1} | {times.Min():F1} | {times.Max():F1} | {Percentile(times, 0.5) / Percentile(cli, 0.5):F2} | {Percentile(times, 0.9) / Percentile(cli, 0.9):F2} |"));
    }
}

return 0;

/// <summary>Discards the executor's console output, which would otherwise be timed too.</summary>
internal sealed class SilentReporter : IRunReporter
{
    public void Info(string message)
    {
    }

    public void StageStatus(string stageId, StageStatus status, string detail)
    {
    }

    public void StageLog(string stageId, string line)
    {
    }
}
