using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Images;

public sealed class ImageResolutionTests(DockerFixture docker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> WriteDockerfileAsync(TempDir dir)
    {
        var path = Path.Combine(dir.Path, "Dockerfile");
        await File.WriteAllTextAsync(path, $"""
            FROM {DockerFixture.BaseImage}
            ARG MESSAGE=default-message
            COPY payload.txt /payload.txt
            RUN echo "$MESSAGE" > /message.txt
            CMD ["sh", "-c", "cat /message.txt /payload.txt"]
            """, Ct);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "payload.txt"), "payload-from-context\n", Ct);
        return path;
    }

    [Fact]
    public async Task Dockerfile_is_built_with_build_args_and_context_then_run()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var dockerfile = await WriteDockerfileAsync(dir);
        var tag = $"llmops-test/build:{Guid.NewGuid():N}";
        var rec = new Recorder();
        try
        {
            var spec = new ContainerSpecBuilder().Dockerfile(dockerfile, new Dictionary<string, string> { ["MESSAGE"] = "built-with-arg" }, tag: tag).Build();

            var result = await runner.RunAsync(spec, new ContainerRunRequest { RunId = Managed.NewRunId("build"), StageName = "build", LogSink = rec.Log }, Ct);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(["built-with-arg", "payload-from-context"], result.LogTail);
            Assert.Equal(result.ImageId, await runner.ResolveImageDigestAsync(new ContainerSpecBuilder().Image(tag).PullPolicy(PullPolicy.Never).Build(), Ct));
        }
        finally
        {
            await RemoveImageAsync(tag);
        }
    }

    [Fact]
    public async Task Retagging_a_different_image_changes_the_resolved_digest()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var dockerfile = await WriteDockerfileAsync(dir);
        var tag = $"llmops-test/retag:{Guid.NewGuid():N}";
        var byTag = new ContainerSpecBuilder().Image(tag).Command("true").PullPolicy(PullPolicy.Never).Build();
        string? built1 = null;
        try
        {
            built1 = await runner.ResolveImageDigestAsync(
                new ContainerSpecBuilder().Dockerfile(dockerfile, new Dictionary<string, string> { ["MESSAGE"] = "one" }, tag: tag).Build(), Ct);
            var first = await runner.ResolveImageDigestAsync(byTag, Ct);
            var built2 = await runner.ResolveImageDigestAsync(
                new ContainerSpecBuilder().Dockerfile(dockerfile, new Dictionary<string, string> { ["MESSAGE"] = "two" }, tag: tag).Build(), Ct);
            var second = await runner.ResolveImageDigestAsync(byTag, Ct);

            Assert.Matches("^sha256:[0-9a-f]{64}$", first);
            Assert.Equal(built1, first);
            Assert.Equal(built2, second);
            Assert.NotEqual(first, second);
        }
        finally
        {
            await RemoveImageAsync(tag);
            if (built1 is not null)
            {
                // The first build lost its tag to the second and would stay behind as a dangling image.
                await RemoveImageAsync(built1);
            }
        }
    }

    [Fact]
    public async Task Missing_image_with_pull_policy_never_is_a_clear_error()
    {
        var runner = docker.Runner();
        var ex = await Assert.ThrowsAsync<ContainerStageException>(() => runner.ResolveImageDigestAsync(
            new ContainerSpecBuilder().Image("llmops-test/does-not-exist:1").PullPolicy(PullPolicy.Never).Build(), Ct));

        Assert.Contains("'llmops-test/does-not-exist:1' is not present", ex.Message);
    }

    [Fact]
    public async Task Failing_build_reports_the_build_error()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var dockerfile = Path.Combine(dir.Path, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, $"FROM {DockerFixture.BaseImage}\nRUN echo about-to-fail && exit 7\n", Ct);

        var ex = await Assert.ThrowsAsync<ContainerStageException>(() => runner.ResolveImageDigestAsync(new ContainerSpecBuilder().Dockerfile(dockerfile).Build(), Ct));

        Assert.Contains("Building", ex.Message);
        Assert.Contains("about-to-fail", ex.Message);
    }

    [Fact]
    public async Task Dockerfile_outside_the_context_directory_is_shipped_with_the_context()
    {
        var runner = docker.Runner();
        using var dir = new TempDir();
        var context = dir.Sub("context");
        await File.WriteAllTextAsync(Path.Combine(context, "payload.txt"), "from-separate-context\n", Ct);
        var dockerfile = Path.Combine(dir.Sub("docker"), "Trainer.Dockerfile");
        await File.WriteAllTextAsync(dockerfile, $"FROM {DockerFixture.BaseImage}\nCOPY payload.txt /payload.txt\nCMD [\"cat\", \"/payload.txt\"]\n", Ct);
        var tag = $"llmops-test/external:{Guid.NewGuid():N}";
        try
        {
            var result = await runner.RunAsync(
                new ContainerSpecBuilder().Dockerfile(dockerfile, context: context, tag: tag).Build(),
                new ContainerRunRequest { RunId = Managed.NewRunId("external"), StageName = "external" },
                Ct);

            Assert.Equal(["from-separate-context"], result.LogTail);
        }
        finally
        {
            await RemoveImageAsync(tag);
        }
    }

    [Fact]
    public async Task Failed_pull_is_a_clear_error()
    {
        var runner = docker.Runner();

        // Nothing listens on port 1 of this machine, so the engine's pull fails at once without leaving it.
        var ex = await Assert.ThrowsAsync<ContainerStageException>(() => runner.ResolveImageDigestAsync(
            new ContainerSpecBuilder().Image("127.0.0.1:1/llmops/none:1").PullPolicy(PullPolicy.Always).Build(), Ct));

        Assert.Contains("Pulling image '127.0.0.1:1/llmops/none:1' failed", ex.Message);
        Assert.Contains("docker login", ex.Message);
    }

    private async Task RemoveImageAsync(string tag)
    {
        try
        {
            await docker.Require().Client.Images.DeleteImageAsync(tag, new Docker.DotNet.Models.ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
        catch (Docker.DotNet.DockerApiException)
        {
        }
    }
}
