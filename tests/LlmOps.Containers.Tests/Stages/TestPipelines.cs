using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Dsl;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>An in-process stage writes words; a container stage built from Stages/TestImage counts them.</summary>
public sealed class WordCountPipeline : Pipeline
{
    [Parameter("Folder holding the test image's Dockerfile and count.sh")]
    readonly string ImageContext = "";

    [Parameter("First argument of count.sh; 'fail' makes it exit 3")]
    readonly string Greeting = "hello";

    [Parameter("Passed to the container as the secret env API_TOKEN when set"), Secret]
    readonly string ApiToken = "";

    Artifact<DatasetArtifact> Words => new("words");

    Artifact<ReportArtifact> Counted => new("counted");

    Stage Write => _ => _
        .Produces(Words)
        .Executes(ctx => File.WriteAllText(ctx.Output(Words).File("words.txt"), "one two three four five\n"));

    Stage Count => _ => _
        .Consumes(Words)
        .Produces(Counted)
        .InContainer(c =>
        {
            c.Dockerfile(Path.Combine(ImageContext, "Dockerfile"), new Dictionary<string, string> { ["BASE_IMAGE"] = DockerFixture.BaseImage })
                .Command("/count.sh", Greeting)
                .Memory("256m")
                .Timeout(TimeSpan.FromMinutes(2));
            if (ApiToken.Length > 0)
            {
                c.SecretEnv("API_TOKEN", ApiToken);
            }
        });
}

/// <summary>A container stage on an image referenced by a tag that the test moves between two images.</summary>
public sealed class RetagPipeline : Pipeline
{
    [Parameter("The image tag to run")]
    readonly string ImageTag = "";

    Stage Show => _ => _
        .InContainer(c => c.Image(ImageTag).PullPolicy(PullPolicy.Never).Command("cat", "/marker"));
}

/// <summary>GPU requests, to check the failure on an engine without a GPU runtime and the explicit smoke run.</summary>
public sealed class GpuPipeline : Pipeline
{
    [Parameter("Allow the GPU stage to run on CPU")]
    readonly bool AllowCpuSmokeRun = false;

    Stage Train => _ => _
        .InContainer(c => c.Image(DockerFixture.BaseImage).PullPolicy(PullPolicy.Never).Command("echo", "trained").Gpus(2).AllowCpuFallback(AllowCpuSmokeRun));
}

/// <summary>A pinned image that exists nowhere: loading, planning and dry runs must not need it.</summary>
public sealed class PinnedPipeline : Pipeline
{
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    Stage Tune => _ => _
        .InContainer(c => c.Image("ghcr.io/acme/sft-trainer@" + Digest)
            .Command("python", "train.py")
            .GpuDevices("0", "3")
            .ShmSize("16g")
            .Timeout(TimeSpan.FromHours(6)));
}

/// <summary>An invalid spec: a definition error naming the stage.</summary>
public sealed class BrokenPipeline : Pipeline
{
    Stage Bad => _ => _.InContainer(c => c.Image("ghcr.io/acme/x:1").Memory("lots"));
}

/// <summary>A container that sleeps past its timeout, or until the run is cancelled.</summary>
public sealed class SleepPipeline : Pipeline
{
    [Parameter("Container timeout in seconds")]
    readonly int TimeoutSeconds = 2;

    Stage Nap => _ => _
        .InContainer(c => c.Image(DockerFixture.BaseImage).PullPolicy(PullPolicy.Never)
            .Command("sh", "-c", "echo napping; exec sleep 60")
            .StopGracePeriod(TimeSpan.FromSeconds(1))
            .Timeout(TimeSpan.FromSeconds(TimeoutSeconds)));
}

/// <summary>Prints what the tracker publishes for processes a stage starts.</summary>
public sealed class ServiceEnvironmentPipeline : Pipeline
{
    Stage Show => _ => _
        .InContainer(c => c.Image(DockerFixture.BaseImage).PullPolicy(PullPolicy.Never)
            .Command("sh", "-c", "echo \"run=$MLFLOW_RUN_ID uri=$MLFLOW_TRACKING_URI token=$MLFLOW_TRACKING_TOKEN\""));
}

/// <summary>A container command that names artifacts the stage neither consumes nor produces.</summary>
public sealed class UndeclaredPathsPipeline : Pipeline
{
    Artifact<DatasetArtifact> Data => new("data");

    Artifact<ModelArtifact> Model => new("model");

    Stage Make => _ => _.Produces(Data).Executes(_ => { });

    Stage Train => _ => _
        .InContainer(c => c.Image("ghcr.io/acme/x@sha256:" + new string('0', 64)).Command("train", c.Input(Data), c.Output(Model)))
        .DependsOn(Make);
}

/// <summary>A pinned image on four nodes: only a cluster can run it.</summary>
public sealed class MultiNodePipeline : Pipeline
{
    Stage Train => _ => _
        .InContainer(c => c.Image("ghcr.io/acme/sft-trainer@" + PinnedPipeline.Digest).Command("torchrun", "train.py").Nodes(4));
}
