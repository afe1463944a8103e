using System.Diagnostics;
using System.Globalization;
using LlmOps.Evaluation;
using LlmOps.Evaluation.Statistics;
using LlmOps.Packaging;

// Packages and signs one large model file with LlmOps.Packaging, against `tar` + `sha256sum` + `openssl dgst -sign`
// on the same file in the same run (best of --reps). Usage: dotnet run -c Release --project bench/Packaging -- [--size-mb 1024] [--reps 2]
var sizeMb = Option("--size-mb", 1024);
var reps = Option("--reps", 2);
var root = Directory.CreateTempSubdirectory("llmops-bench-pack-").FullName;
try
{
    var model = Path.Combine(root, "blessed", "model");
    Directory.CreateDirectory(model);
    var weights = Path.Combine(model, "model.safetensors");
    WriteRandom(weights, sizeMb);
    File.WriteAllText(Path.Combine(model, "config.json"), "{}");
    var verdictPath = Path.Combine(root, "blessed", "verdict.json");
    File.WriteAllText(verdictPath, VerdictJson.Write(new Verdict(true, 100, 1000, 1, "none", true, [], [new MetricResult("accuracy", null, 100, new Interval(0.9, 0.85, 0.94, 0.95), null)], [], [])));
    var blessing = new BlessingRecord("Bench.Evaluate", ModelDigest.Of(model), []);
    using var key = SigningKey.Generate();
    var keyFile = Path.Combine(root, "key.pem");
    File.WriteAllText(keyFile, key.PrivateKeyPem());

    var input = new PackageInput("bench-model", model, blessing, verdictPath) { Stage = "Bench.Pack" };
    var ours = Best(reps, () =>
    {
        var output = Path.Combine(root, "out-" + Guid.NewGuid().ToString("N"));
        var start = DateTimeOffset.UtcNow;
        PackageBuilder.Build(input, output, new PackageBuilder.Signing(key, false, BuildRun.Detect(_ => null, "bench", null), [], start, () => DateTimeOffset.UtcNow));
        Directory.Delete(output, recursive: true);
    });
    var peer = Best(reps, () =>
    {
        var tar = Path.Combine(root, "peer.tar");
        Run("tar", "-cf", tar, "-C", Path.Combine(root, "blessed"), "model");
        Run("sha256sum", tar);
        Run("openssl", "dgst", "-sha256", "-sign", keyFile, "-out", Path.Combine(root, "peer.sig"), tar);
        File.Delete(tar);
    });

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Package and sign a {sizeMb:N0} MB model, best of {reps} ({Environment.ProcessorCount} cores)"));
    Console.WriteLine();
    Console.WriteLine("| contender | seconds | time vs peer |");
    Console.WriteLine("|---|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| LlmOps.Packaging (hash files, card, BOM + schema, tar hashed while written, DSSE P-256) | {ours:F2} | {ours / peer:F2}x |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| peer: tar -cf + sha256sum + openssl dgst -sha256 -sign | {peer:F2} | 1.00x |"));
}
finally
{
    Directory.Delete(root, recursive: true);
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static void WriteRandom(string path, int megabytes)
{
    var buffer = new byte[1 << 20];
    var random = new Random(42);
    using var stream = File.Create(path);
    for (var i = 0; i < megabytes; i++)
    {
        random.NextBytes(buffer);
        stream.Write(buffer);
    }
}

static double Best(int reps, Action action)
{
    var best = double.MaxValue;
    for (var i = 0; i < reps; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }

    return best;
}

static void Run(string tool, params string[] arguments)
{
    var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
    }
}
