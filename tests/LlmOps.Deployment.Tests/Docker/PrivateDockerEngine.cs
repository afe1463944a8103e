using System.Diagnostics;

namespace LlmOps.Deployment.Tests;

/// <summary>
/// A Docker engine of this test's own: the shared engine's binaries (<c>/opt/docker-engine</c>, installed by
/// shared/ci/start-docker-engine) started on a private socket, data root and managed containerd, with a default bridge
/// of its own and no iptables rules of its own, so restarting it disturbs nobody else's containers. Never
/// <c>--bridge=none</c> nor <c>--default-address-pool</c>: with either, dockerd deletes the host's <c>docker0</c> (the
/// shared engine's bridge) at start or restart. Networks a test needs are made in a random 10.x/16 range
/// (<see cref="CreateNetworkAsync"/>); the host forwards bridged traffic through the shared engine's FORWARD policy
/// (DROP), so one rule in DOCKER-USER (the chain Docker leaves to users) accepts traffic within that range alone while
/// the engine lives. The base image is copied in from the shared engine (no registry is reachable).
/// </summary>
public sealed class PrivateDockerEngine : IAsyncDisposable
{
    private const string Binaries = "/opt/docker-engine";

    private readonly string _directory;
    private Process? _daemon;

    private static readonly int Octet = Random.Shared.Next(200, 250);

    private readonly string _pool = $"10.{Octet}.0.0/16";
    private readonly string _bridge = "llk8s" + Guid.NewGuid().ToString("N")[..8];
    private bool _ruleAdded;

    private PrivateDockerEngine(string directory) => _directory = directory;

    private string[] Rule => ["DOCKER-USER", "-s", _pool, "-d", _pool, "-m", "comment", "--comment", "llmops-deployment-tests-private-engine", "-j", "ACCEPT"];

    public Uri Host => new("unix://" + Socket);

    private string Socket => Path.Combine(_directory, "docker.sock");

    /// <summary>Why a private engine cannot run here, or null when it can.</summary>
    public static string? Unavailable() =>
        !File.Exists(Path.Combine(Binaries, "dockerd")) ? $"{Binaries}/dockerd is missing (shared/ci/start-docker-engine installs it)"
        : Environment.UserName != "root" ? "a private dockerd needs root"
        : !File.Exists("/usr/sbin/iptables") && !File.Exists("/sbin/iptables") ? "iptables is missing (the private engine's bridge needs one forwarding rule)"
        : !File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip") ? "iproute2 (ip) is missing (the private engine's bridge is made with it)"
        : null;

    public static async Task<PrivateDockerEngine> StartAsync(string baseImage)
    {
        var engine = new PrivateDockerEngine(Directory.CreateTempSubdirectory("llmops-k8s-dockerd-").FullName);
        try
        {
            await new ProcessRunner().RunAsync("ip", ["link", "add", "name", engine._bridge, "type", "bridge"]);
            await new ProcessRunner().RunAsync("ip", ["addr", "add", $"10.{Octet}.255.1/24", "dev", engine._bridge]);
            await new ProcessRunner().RunAsync("ip", ["link", "set", engine._bridge, "up"]);
            await engine.StartDaemonAsync();
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }

        if ((await new ProcessRunner().RunAsync("iptables", ["-S", "DOCKER-USER"], new ProcessOptions { SuccessExitCodes = [0, 1] })).ExitCode == 0)
        {
            await new ProcessRunner().RunAsync("iptables", ["-I", .. engine.Rule]);
            engine._ruleAdded = true;
        }
        var load = await new ProcessRunner().RunAsync("sh", ["-c", $"docker save {baseImage} | docker -H {engine.Host} load -q"], new ProcessOptions { SuccessExitCodes = [0, 1] });
        if (load.ExitCode != 0)
        {
            await engine.DisposeAsync();
            throw new InvalidOperationException($"copying {baseImage} into the private engine failed (exit {load.ExitCode})");
        }

        return engine;
    }

    /// <summary>What <c>systemctl restart docker</c> does: SIGTERM, wait for the daemon to stop its containers and exit, start it again.</summary>
    public async Task RestartAsync()
    {
        await StopDaemonAsync();
        await StartDaemonAsync();
    }

    /// <summary>Creates a bridge network in this engine's range (the deployment finds it by name and uses it).</summary>
    public async Task CreateNetworkAsync(string name)
    {
        var subnet = $"10.{Octet}.{Random.Shared.Next(0, 250)}.0/24";
        var created = await new ProcessRunner().RunAsync("docker", ["-H", Host.ToString(), "network", "create", "--driver", "bridge", "--subnet", subnet, name], new ProcessOptions { SuccessExitCodes = [0, 1] });
        if (created.ExitCode != 0)
        {
            throw new InvalidOperationException($"network {name} ({subnet}) could not be created on the private engine");
        }
    }

    public async Task<string> DockerAsync(params string[] args)
    {
        var lines = new List<string>();
        await new ProcessRunner(lines.Add).RunAsync("docker", ["-H", Host.ToString(), .. args], new ProcessOptions { SuccessExitCodes = [0, 1] });
        return string.Join("\n", lines);
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            foreach (var id in (await DockerAsync("ps", "-aq")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await DockerAsync("rm", "-f", id.Trim());
            }

            await DockerAsync("network", "prune", "-f");
            await StopDaemonAsync();
        }

        await new ProcessRunner().RunAsync("ip", ["link", "delete", _bridge], new ProcessOptions { SuccessExitCodes = [0, 1, 2] });
        if (_ruleAdded)
        {
            await new ProcessRunner().RunAsync("iptables", ["-D", .. Rule], new ProcessOptions { SuccessExitCodes = [0, 1] });
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"the private engine's folder {_directory} was not fully removed: {e.Message}");
        }
    }

    private async Task StartDaemonAsync()
    {
        var start = new ProcessStartInfo("sh")
        {
            ArgumentList =
            {
                "-c",
                $"exec {Binaries}/dockerd --host {Host} --data-root {_directory}/data --exec-root {_directory}/exec --pidfile {_directory}/dockerd.pid " +
                $"--bridge={_bridge} --iptables=false --ip6tables=false --ip-masq=false " +
                $"--storage-driver overlay2 --shutdown-timeout 5 >>{_directory}/dockerd.log 2>&1 </dev/null",
            },
            UseShellExecute = false,
        };
        start.Environment["PATH"] = Binaries + ":" + Environment.GetEnvironmentVariable("PATH");
        _daemon = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_daemon.HasExited)
            {
                throw new InvalidOperationException($"the private dockerd exited ({_daemon.ExitCode}): {Tail()}");
            }

            var version = await new ProcessRunner().RunAsync("docker", ["-H", Host.ToString(), "version", "--format", "{{.Server.APIVersion}}"], new ProcessOptions { SuccessExitCodes = [0, 1] });
            if (version.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"the private dockerd did not answer within 60 s: {Tail()}");
    }

    private async Task StopDaemonAsync()
    {
        if (_daemon is not { HasExited: false } daemon)
        {
            return;
        }

        await new ProcessRunner().RunAsync("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], new ProcessOptions { SuccessExitCodes = [0, 1] });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await daemon.WaitForExitAsync(timeout.Token);
        daemon.Dispose();
    }

    private string Tail()
    {
        var log = Path.Combine(_directory, "dockerd.log");
        return File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(5)) : "(no log)";
    }
}
