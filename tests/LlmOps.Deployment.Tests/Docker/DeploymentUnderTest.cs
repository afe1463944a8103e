using System.Text.Json;

namespace LlmOps.Deployment.Tests;

/// <summary>One uniquely named Docker deployment in a temporary root, removed with everything labelled with its name.</summary>
public sealed class DeploymentUnderTest : IAsyncDisposable
{
    public DeploymentUnderTest(ServingBuild build)
    {
        Assert.SkipWhen(build.Unavailable is not null, build.Unavailable ?? "");
        Name = "t" + Guid.NewGuid().ToString("N")[..8];
        Root = Directory.CreateTempSubdirectory("llmops-deploy-docker-").FullName;
        Port = ServingBuild.FreePort();
        Target = build.Target(Port);
        Build = build;
    }

    public string Name { get; }

    public string Root { get; }

    public int Port { get; }

    public DockerTarget Target { get; }

    public ServingBuild Build { get; }

    public List<string> Log { get; } = [];

    public Uri Address => Target.Address;

    public DeploymentRequest Request(DeployablePackage package, params SmokeCase[] smoke) =>
        new(Name, package, smoke.Length == 0 ? [SmokeCase.Classify("where is my parcel", "shipping"), SmokeCase.Classify("I was charged twice", "billing")] : smoke, 3, Root, Log.Add);

    /// <summary>The running backend containers' versions, by label.</summary>
    public async Task<IReadOnlyList<string>> RunningVersionsAsync()
    {
        var result = await Docker("ps", "--filter", $"label={DeploymentLabels.Deployment}={Name}", "--filter", $"label={DeploymentLabels.Role}=backend",
            "--format", $"{{{{.Label \"{DeploymentLabels.Version}\"}}}}");
        return [.. result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public TargetState State() =>
        JsonSerializer.Deserialize<TargetState>(File.ReadAllText(Path.Combine(StateLayout.Of(Root).Deployments, Name, DockerTarget.StateFile)), DeploymentJson.Options)!;

    public async ValueTask DisposeAsync()
    {
        var ids = await Docker("ps", "-aq", "--filter", $"label={DeploymentLabels.Deployment}={Name}");
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await Docker("rm", "-f", id.Trim());
        }

        await Docker("network", "rm", $"llmops-deploy-{Name}");
        var images = await Docker("images", "--format", "{{.Repository}}:{{.Tag}}", $"llmops-deploy/{Name}");
        foreach (var image in images.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await Docker("rmi", "-f", image.Trim());
        }

        Directory.Delete(Root, recursive: true);
    }

    internal static async Task<string> Docker(params string[] args)
    {
        var lines = new List<string>();
        await new ProcessRunner(lines.Add).RunAsync("docker", args, new ProcessOptions { SuccessExitCodes = [0, 1] });
        return string.Join("\n", lines);
    }
}
