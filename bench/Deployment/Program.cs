using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmOps.Bench.Deployment;
using LlmOps.Deployment;
using LlmOps.Runtime;
using LlmOps.Serving.Tests;

// Docker target: time from "package ready" (the package folder written, its model trained) to "serving" (the stable
// address answers with the new version after health, smoke and switch), for a first deployment and for switches; then
// requests per second of the served model against a bare HttpListener returning a constant, in the same run, and the
// model call's own cost (the same model.zip in this process, no HTTP) reported separately.
var versions = Arg(0, 3);
var seconds = Arg(1, 4);
var concurrency = Arg(2, 8);
const string BaseImage = "llmops-ci/debian:bookworm";

var inspect = await new ProcessRunner().RunAsync("docker", ["image", "inspect", BaseImage], new ProcessOptions { SuccessExitCodes = [0, 1] });
if (inspect.ExitCode != 0)
{
    Console.Error.WriteLine($"bench/Deployment needs the Docker engine and the base image {BaseImage}; not measured.");
    return 2;
}

var repository = RepositoryRoot();
var root = Directory.CreateTempSubdirectory("llmops-bench-deploy-").FullName;
var name = "k8sbench" + Guid.NewGuid().ToString("N")[..6];
var log = new List<string>();
try
{
    var publishClock = Stopwatch.StartNew();
    var publish = await ServingPublisher.PublishAsync(new DockerTargetOptions(), repository, log.Add, CancellationToken.None);
    Console.WriteLine($"serving program published (or found up to date) in {publishClock.Elapsed.TotalSeconds:0.0} s: not part of any deployment below");

    var port = FreePort();
    var target = DeployTarget.Docker(o =>
    {
        o.Port = port;
        o.BaseImage = BaseImage;
        o.ServingPublishDirectory = publish;
        o.HealthTimeout = TimeSpan.FromSeconds(60);
        o.DrainTime = TimeSpan.FromSeconds(1);
    });
    SmokeCase[] smoke = [SmokeCase.Classify("where is my parcel", "shipping"), SmokeCase.Classify("I was charged twice", "billing")];

    Console.WriteLine();
    Console.WriteLine("| deployment | package ready -> serving (s) | steps (s) |");
    Console.WriteLine("|---|---:|---|");
    string modelZip = "";
    for (var v = 1; v <= versions; v++)
    {
        var package = Package(root, $"v-{v}", out modelZip);
        var clock = Stopwatch.StartNew();
        var outcome = await target.DeployAsync(new DeploymentRequest(name, package, smoke, versions + 1, root, log.Add), CancellationToken.None);
        var elapsed = clock.Elapsed.TotalSeconds;
        var steps = string.Join(", ", outcome.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Seconds:0.00}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| v-{v} ({(v == 1 ? "first: runtime image, router" : "switch from v-" + (v - 1))}) | {elapsed:0.00} | {steps} |"));
    }

    var duration = TimeSpan.FromSeconds(seconds);
    var classify = JsonSerializer.Serialize(new { text = "where is my parcel" });
    using var constant = new ConstantServer();
    var backend = await BackendAddressAsync(name);
    var results = new List<LoadResult>
    {
        await LoadRun.RunAsync("bare HttpListener, constant JSON (peer)", new Uri(constant.Address, "/v1/classify"), classify, concurrency, duration),
        await LoadRun.RunAsync("serving container via router: GET /health", new Uri(target.Address, "/health"), null, concurrency, duration),
        await LoadRun.RunAsync("serving container via router: POST /v1/classify", new Uri(target.Address, "/v1/classify"), classify, concurrency, duration),
    };
    if (backend is not null)
    {
        results.Add(await LoadRun.RunAsync("serving container direct: POST /v1/classify", new Uri(backend, "/v1/classify"), classify, concurrency, duration));
    }

    var peer = results[0].PerSecond;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{concurrency} concurrent closed-loop clients, {seconds} s each, loopback, {Environment.ProcessorCount} cores shared with the load generator"));
    Console.WriteLine();
    Console.WriteLine("| peer | requests | failed | req/s | p50 ms | p99 ms | req/s vs bare |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Peer} | {r.Requests} | {r.Failed} | {r.PerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.PerSecond / peer:0.00}x |"));
    }

    var perCall = ModelCallCost.MicrosecondsPerCall(modelZip, 5000);
    var health = results[1];
    var served = results[2];
    Console.WriteLine();
    Console.WriteLine("| model call's own cost | value |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ML.NET PredictionEngine.Predict in process, same model.zip | {perCall:0.0} µs/call ({1_000_000 / perCall:0} calls/s on one thread) |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| p50 of /v1/classify minus p50 of /health, through the router | {(served.P50Ms - health.P50Ms) * 1000:0} µs |"));
    return 0;
}
finally
{
    await CleanUpAsync(name);
    Directory.Delete(root, recursive: true);
}

int Arg(int index, int fallback) =>
    args.Length > index && int.TryParse(args[index], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static DeployablePackage Package(string root, string version, out string modelZip)
{
    var model = TinyModels.Classifier(root);
    var package = Path.Combine(root, "package-" + version);
    Directory.CreateDirectory(package);
    File.Copy(Path.Combine(model, "model.zip"), Path.Combine(package, "model.zip"));
    File.WriteAllText(Path.Combine(package, "manifest.json"), JsonSerializer.Serialize(new { name = "support-intent", version }));
    modelZip = Path.Combine(package, "model.zip");
    return DeployablePackage.Open(package);
}

static async Task<Uri?> BackendAddressAsync(string deployment)
{
    var ports = await Docker("ps", "--filter", $"label=llmops.deployment={deployment}", "--filter", "label=llmops.deployment.role=backend", "--format", "{{.Ports}}");
    var match = Regex.Match(ports, @"127\.0\.0\.1:(\d+)->8080/tcp", RegexOptions.None, TimeSpan.FromSeconds(1));
    return match.Success ? new Uri($"http://127.0.0.1:{match.Groups[1].Value}/") : null;
}

static async Task CleanUpAsync(string deployment)
{
    foreach (var id in (await Docker("ps", "-aq", "--filter", $"label=llmops.deployment={deployment}")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
    {
        await Docker("rm", "-f", id.Trim());
    }

    await Docker("network", "rm", $"llmops-deploy-{deployment}");
    foreach (var image in (await Docker("images", "--format", "{{.Repository}}:{{.Tag}}", $"llmops-deploy/{deployment}")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
    {
        await Docker("rmi", "-f", image.Trim());
    }
}

static async Task<string> Docker(params string[] arguments)
{
    var lines = new List<string>();
    await new ProcessRunner(lines.Add).RunAsync("docker", arguments, new ProcessOptions { SuccessExitCodes = [0, 1] });
    return string.Join("\n", lines);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string RepositoryRoot()
{
    var directory = AppContext.BaseDirectory;
    while (!File.Exists(Path.Combine(directory, "LlmOps.sln")))
    {
        directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("LlmOps.sln not found above " + AppContext.BaseDirectory);
    }

    return directory;
}
