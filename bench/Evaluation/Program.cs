using System.Diagnostics;
using System.Globalization;
using LlmOps.Evaluation.Statistics;

if (args.FirstOrDefault() == "generation")
{
    await GenerationThroughputBench.RunAsync(args);
    return;
}

// Paired bootstrap benchmark: the gate's paired bootstrap of a mean difference against numpy doing the same on the
// same data in the same run (the generation bench: `-- generation`, see GenerationThroughputBench).
// Usage: dotnet run -c Release --project bench/Evaluation -- [--examples 10000]
// [--resamples 10000] [--reps 3] [--cores 2] [--python /usr/bin/python3]
var examples = Option("--examples", 10_000);
var resamples = Option("--resamples", 10_000);
var reps = Math.Max(1, Option("--reps", 3));
var cores = Option("--cores", Math.Min(2, Environment.ProcessorCount));
var python = OptionText("--python", "/usr/bin/python3");

// Pass/fail outcomes of a candidate right 80% of the time and a champion 78%, correlated as two similar models are.
var rng = new Random(7);
var champion = new double[examples];
var candidate = new double[examples];
for (var i = 0; i < examples; i++)
{
    var hard = rng.NextDouble();
    champion[i] = hard < 0.78 ? 1 : 0;
    candidate[i] = hard < 0.80 ? (rng.NextDouble() < 0.97 ? 1 : 0) : (rng.NextDouble() < 0.1 ? 1 : 0);
}

var data = Path.Combine(Path.GetTempPath(), $"llmops-bootstrap-{examples}.tsv");
File.WriteAllLines(data, candidate.Zip(champion, (a, b) => string.Create(CultureInfo.InvariantCulture, $"{a}\t{b}")));
Console.WriteLine($"Paired bootstrap of the mean difference: {examples:N0} examples x {resamples:N0} resamples, 95% percentile interval, best of {reps}.");

Bootstrap.PairedMeanDifference(candidate, champion, 200, 1, 0.95, cores); // JIT and thread pool warm-up
var rows = new List<(string Name, double Seconds, string Interval)>();
foreach (var n in new[] { 1, cores }.Distinct())
{
    var best = double.MaxValue;
    Interval? interval = null;
    for (var r = 0; r < reps; r++)
    {
        var clock = Stopwatch.StartNew();
        interval = Bootstrap.PairedMeanDifference(candidate, champion, resamples, Bootstrap.DefaultSeed, 0.95, n);
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }

    rows.Add(($"LlmOps.Evaluation, {n} core(s)", best, string.Create(CultureInfo.InvariantCulture, $"{interval!.Low:0.000000} to {interval.High:0.000000}")));
}

var peer = RunNumpy();
if (peer is { } numpy)
{
    rows.Add(("numpy (1 core: integers + fancy indexing do not thread)", numpy.Seconds, numpy.Interval));
}

var reference = peer?.Seconds ?? rows[0].Seconds;
Console.WriteLine();
Console.WriteLine($"| contender | seconds | time vs {(peer is null ? "1-core LlmOps" : "numpy")} | interval |");
Console.WriteLine("|---|---:|---:|---|");
foreach (var (name, seconds, interval) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {seconds:0.000} | {seconds / reference:0.00}x | {interval} |"));
}

(double Seconds, string Interval)? RunNumpy()
{
    var script = Path.Combine(AppContext.BaseDirectory, "paired_bootstrap.py");
    try
    {
        var start = new ProcessStartInfo(python, [script, data, resamples.ToString(CultureInfo.InvariantCulture), reps.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"numpy peer skipped: {python} exited {process.ExitCode}: {error.Trim().Split('\n').Last()} (install Debian's python3-numpy)");
            return null;
        }

        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), $"{parts[1]} to {parts[2]}");
    }
    catch (System.ComponentModel.Win32Exception e)
    {
        Console.WriteLine($"numpy peer skipped: cannot start {python}: {e.Message}");
        return null;
    }
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string OptionText(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
