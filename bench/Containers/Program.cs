using System.Diagnostics;
using System.Globalization;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;

// Overhead of a trivial container stage through ContainerRunner (create, start, follow logs, wait, inspect, remove)
// against `docker run --rm` of the same image and command, interleaved in one process so both see the same engine load.
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

    Console.WriteLine($"Engine {engine.EngineVersion} (API {engine.ApiVersion}) at {engine.Endpoint}; image {image}; {iterations} iterations each, interleaved, after 2 warm-up runs each.");
    await RunnerOnceAsync();
    await CliOnceAsync();
    await RunnerOnceAsync();
    await CliOnceAsync();

    var runnerTimes = new List<double>();
    var cliTimes = new List<double>();
    for (var i = 0; i < iterations; i++)
    {
        // Alternate which goes first so neither side always follows the other's cleanup.
        if (i % 2 == 0)
        {
            runnerTimes.Add(await RunnerOnceAsync());
            cliTimes.Add(await CliOnceAsync());
        }
        else
        {
            cliTimes.Add(await CliOnceAsync());
            runnerTimes.Add(await RunnerOnceAsync());
        }
    }

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    var rows = new[] { ("ContainerRunner", runnerTimes), ("docker run --rm (CLI)", cliTimes) };
    Console.WriteLine();
    Console.WriteLine($"{"mode",-24} {"median ms",10} {"p90 ms",10} {"min ms",10} {"max ms",10}");
    foreach (var (name, times) in rows)
    {
        Console.WriteLine($"{name,-24} {Percentile(times, 0.5),10:F1} {Percentile(times, 0.9),10:F1} {times.Min(),10:F1} {times.Max(),10:F1}");
    }

    Console.WriteLine();
    Console.WriteLine($"ratio runner/CLI: median {Percentile(runnerTimes, 0.5) / Percentile(cliTimes, 0.5):F2}, p90 {Percentile(runnerTimes, 0.9) / Percentile(cliTimes, 0.9):F2}");
}

return 0;
