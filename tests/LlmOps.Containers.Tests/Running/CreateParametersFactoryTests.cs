using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;

namespace LlmOps.Containers.Tests.Running;

public sealed class CreateParametersFactoryTests
{
    [Fact]
    public void Maps_resources_mounts_env_and_labels()
    {
        var spec = new ContainerSpecBuilder().Image("img").Command("python", "train.py")
            .Memory("64g").ShmSize("16g").Cpus(7.5).Ulimit("memlock", -1, -1).User("1000:1000").ReadOnlyRootFilesystem()
            .Env("A", "1").SecretEnv("TOKEN", "t0k3n").Network(ContainerNetwork.Bridge).Build();
        var request = new ContainerRunRequest
        {
            RunId = "run-1",
            StageName = "train",
            Inputs = new Dictionary<string, string> { ["data"] = "/srv/data", ["base-model"] = "/srv/model" },
            OutputsDirectory = "/srv/out",
        };
        var labels = new Dictionary<string, string> { [ContainerLabels.Managed] = "true" };

        var p = CreateParametersFactory.Create(spec, request, "sha256:abc", "name", withGpus: false, labels);

        Assert.Equal("sha256:abc", p.Image);
        Assert.Equal(["python", "train.py"], p.Cmd);
        Assert.Equal("1000:1000", p.User);
        Assert.Equal(64L << 30, p.HostConfig!.Memory);
        Assert.Equal(16L << 30, p.HostConfig.ShmSize);
        Assert.Equal(7_500_000_000L, p.HostConfig.NanoCPUs);
        Assert.Equal("bridge", p.HostConfig.NetworkMode);
        Assert.True(p.HostConfig.ReadonlyRootfs);
        Assert.Contains("/tmp", p.HostConfig.Tmpfs!.Keys);
        var ulimit = Assert.Single(p.HostConfig.Ulimits);
        Assert.Equal(("memlock", -1L, -1L), (ulimit.Name, ulimit.Soft, ulimit.Hard));
        Assert.Contains("A=1", p.Env);
        Assert.Contains("TOKEN=t0k3n", p.Env);
        Assert.Contains("LLMOPS_OUTPUTS_DIR=/llmops/outputs", p.Env);
        Assert.Contains("LLMOPS_METRICS_FILE=/llmops/outputs/metrics.jsonl", p.Env);
        Assert.Collection(
            p.HostConfig.Mounts!,
            m => Assert.Equal(("/srv/model", "/llmops/inputs/base-model", true), (m.Source, m.Target, m.ReadOnly == true)),
            m => Assert.Equal(("/srv/data", "/llmops/inputs/data", true), (m.Source, m.Target, m.ReadOnly == true)),
            m => Assert.Equal(("/srv/out", "/llmops/outputs", false), (m.Source, m.Target, m.ReadOnly == true)));
        Assert.Same(labels, p.Labels);
    }

    [Fact]
    public void Container_names_are_valid_docker_names()
    {
        var name = CreateParametersFactory.ContainerName("Fine Tune/LoRA!", "2026-11-28T18:00", 2);
        Assert.Matches("^llmops-fine-tune-lora-2026-11-28t18-00-a2-[0-9a-f]{6}$", name);
    }

    [Theory]
    [InlineData("bridge", true)]
    [InlineData("none", false)]
    public void Service_variables_are_added_after_the_specs_own_and_map_the_host_alias_when_networked(string network, bool mapped)
    {
        var spec = new ContainerSpecBuilder().Image("img").Env("MLFLOW_RUN_ID", "from-spec")
            .Network(network == "none" ? ContainerNetwork.None : ContainerNetwork.Bridge).Build();
        var request = new ContainerRunRequest
        {
            RunId = "run-1",
            StageName = "train",
            ServiceEnvironment = [KeyValuePair.Create("MLFLOW_RUN_ID", "from-tracker"), KeyValuePair.Create("MLFLOW_TRACKING_URI", "http://host.docker.internal:5000")],
        };

        var p = CreateParametersFactory.Create(spec, request, "sha256:abc", "name", withGpus: false, new Dictionary<string, string>());

        Assert.Contains("MLFLOW_RUN_ID=from-spec", p.Env);
        Assert.DoesNotContain("MLFLOW_RUN_ID=from-tracker", p.Env);
        Assert.Contains("MLFLOW_TRACKING_URI=http://host.docker.internal:5000", p.Env);
        Assert.Equal(mapped, p.HostConfig!.ExtraHosts?.Contains("host.docker.internal:host-gateway") ?? false);
    }
}
