using LlmOps.Containers.Errors;
using LlmOps.Containers.Specs;

namespace LlmOps.Containers.Tests.Specs;

public sealed class ContainerSpecBuilderTests
{
    private static ContainerSpecBuilder Trainer() => new ContainerSpecBuilder()
        .Image("ghcr.io/acme/sft-trainer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
        .Command("python", "train.py", "--epochs", "3");

    [Fact]
    public void Builds_the_issue_example()
    {
        var spec = Trainer().Gpus(2).ShmSize("16g").Memory("64g").Network(ContainerNetwork.None).Timeout(TimeSpan.FromHours(6)).Build();

        Assert.Equal(["python", "train.py", "--epochs", "3"], spec.Command);
        Assert.Equal("2", spec.Gpus!.ToString());
        Assert.Equal(16L << 30, spec.ShmSizeBytes);
        Assert.Equal(64L << 30, spec.MemoryBytes);
        Assert.Equal("none", spec.Network.Mode);
        Assert.Equal(TimeSpan.FromHours(6), spec.Timeout);
    }

    [Fact]
    public void Network_defaults_to_none_and_init_to_true()
    {
        var spec = Trainer().Build();
        Assert.Same(ContainerNetwork.None, spec.Network);
        Assert.True(spec.Init);
        Assert.Null(spec.Gpus);
    }

    [Fact]
    public void Gpu_forms_render_in_cli_syntax()
    {
        Assert.Equal("all", Trainer().AllGpus().Build().Gpus!.ToString());
        Assert.Equal("2", Trainer().Gpus(2).Build().Gpus!.ToString());
        Assert.Equal("device=0,3", Trainer().GpuDevices("0", "3").Build().Gpus!.ToString());
    }

    [Fact]
    public void Canonical_description_lists_secret_names_but_never_values()
    {
        var spec = Trainer().Env("LR", "0.1").SecretEnv("HF_TOKEN", "hf_supersecretvalue").Build();

        Assert.Contains("HF_TOKEN", spec.CanonicalDescription);
        Assert.DoesNotContain("hf_supersecretvalue", spec.CanonicalDescription);
        Assert.DoesNotContain("hf_supersecretvalue", spec.ToString());
        Assert.Equal(["HF_TOKEN"], spec.SecretNames);
    }

    [Fact]
    public void Canonical_description_is_deterministic_and_sensitive_to_outputs_affecting_settings()
    {
        var a = Trainer().Env("B", "2").Env("A", "1").Gpus(2).Build();
        var b = Trainer().Env("A", "1").Env("B", "2").Gpus(2).Build();
        var differentEnv = Trainer().Env("A", "1").Env("B", "3").Gpus(2).Build();
        var differentGpus = Trainer().Env("A", "1").Env("B", "2").Gpus(4).Build();
        var differentSecretValue = Trainer().Env("A", "1").Env("B", "2").Gpus(2).SecretEnv("K", "x").Build();
        var otherSecretValue = Trainer().Env("A", "1").Env("B", "2").Gpus(2).SecretEnv("K", "y").Build();
        var onlyTimeoutDiffers = Trainer().Env("A", "1").Env("B", "2").Gpus(2).Timeout(TimeSpan.FromMinutes(1)).Build();

        Assert.Equal(a.CanonicalDescription, b.CanonicalDescription);
        Assert.NotEqual(a.CanonicalDescription, differentEnv.CanonicalDescription);
        Assert.NotEqual(a.CanonicalDescription, differentGpus.CanonicalDescription);
        Assert.Equal(differentSecretValue.CanonicalDescription, otherSecretValue.CanonicalDescription);
        Assert.Equal(a.CanonicalDescription, onlyTimeoutDiffers.CanonicalDescription);
    }

    [Fact]
    public void Missing_image_is_a_clear_error()
    {
        var ex = Assert.Throws<ContainerStageException>(() => new ContainerSpecBuilder().Command("true").Build());
        Assert.Contains(".Image(", ex.Message);
    }

    [Fact]
    public void Root_user_is_rejected()
    {
        Assert.Throws<ContainerStageException>(() => Trainer().User("root"));
        Assert.Throws<ContainerStageException>(() => Trainer().User("0:0"));
        Assert.Equal("1000:1000", Trainer().User("1000:1000").Build().User);
    }

    [Fact]
    public void Bad_settings_fail_with_clear_messages()
    {
        Assert.Contains("at least one GPU", Assert.Throws<ContainerStageException>(() => Trainer().Gpus(0)).Message);
        Assert.Contains("device IDs", Assert.Throws<ContainerStageException>(() => Trainer().GpuDevices()).Message);
        Assert.Contains("positive", Assert.Throws<ContainerStageException>(() => Trainer().Cpus(-1)).Message);
        Assert.Contains("at least 6m", Assert.Throws<ContainerStageException>(() => Trainer().Memory("1m")).Message);
        Assert.Contains("soft limit", Assert.Throws<ContainerStageException>(() => Trainer().Ulimit("nofile", 10, 5)).Message);
        Assert.Contains("non-zero exit codes", Assert.Throws<ContainerStageException>(() => Trainer().RetryOn([0], 3, TimeSpan.Zero)).Message);
        Assert.Contains("already declared as a secret", Assert.Throws<ContainerStageException>(() => Trainer().SecretEnv("K", "v").Env("K", "w")).Message);
        Assert.Contains("Invalid image reference", Assert.Throws<ContainerStageException>(() => new ContainerSpecBuilder().Image("bad ref")).Message);
    }

    [Fact]
    public void Retry_backoff_doubles()
    {
        var retry = new RetryPolicy([137, 75], 3, TimeSpan.FromSeconds(1));
        Assert.True(retry.ShouldRetry(75, 1));
        Assert.True(retry.ShouldRetry(137, 2));
        Assert.False(retry.ShouldRetry(137, 3));
        Assert.False(retry.ShouldRetry(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(1), retry.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(2), retry.DelayAfter(2));
    }
}
