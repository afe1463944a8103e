using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;

[assembly: AssemblyFixture(typeof(LlmOps.Containers.Tests.Infrastructure.DockerFixture))]

namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>Probes the engine once for the whole assembly; tests that need it call <see cref="Require"/>.</summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string BaseImage = "llmops-ci/debian:bookworm";

    private DockerEngine? _engine;
    private string _unavailableReason = "engine probe did not run";

    public async ValueTask InitializeAsync()
    {
        try
        {
            _engine = await DockerEngine.ConnectAsync(TestContext.Current.CancellationToken);
        }
        catch (DockerEngineUnavailableException ex)
        {
            _unavailableReason = ex.Message;
            return;
        }

        try
        {
            await _engine.Client.Images.InspectImageAsync(BaseImage, TestContext.Current.CancellationToken);
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            await BuildBaseImageAsync(_engine);
        }
    }

    // Where a registry is reachable (a GitHub runner), the base image is built from Debian's slim image; here, with
    // no registry, CI builds it beforehand with shared/ci/make-base-image.
    private static async Task BuildBaseImageAsync(DockerEngine engine)
    {
        var context = Directory.CreateTempSubdirectory("llmops-base-image-");
        try
        {
            var dockerfile = Path.Combine(context.FullName, "Dockerfile");
            await File.WriteAllTextAsync(dockerfile, "FROM debian:bookworm-slim\n", TestContext.Current.CancellationToken);
            var spec = new LlmOps.Containers.Specs.ContainerSpecBuilder().Dockerfile(dockerfile, tag: BaseImage).Build();
            await new ContainerRunner(engine).ResolveImageDigestAsync(spec, cancellationToken: TestContext.Current.CancellationToken);
        }
        catch (ContainerStageException e)
        {
            throw new InvalidOperationException(
                $"The Docker engine is up but the test base image {BaseImage} is missing and could not be built from debian:bookworm-slim ({e.Message}); run 'bash ../shared/ci/make-base-image'.");
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    /// <summary>The engine, or a skip when none is reachable.</summary>
    public DockerEngine Require()
    {
        if (_engine is null)
        {
            if (Environment.GetEnvironmentVariable("LLMOPS_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("LLMOPS_REQUIRE_DOCKER=1 but no Docker engine is reachable: " + _unavailableReason);
            }

            Assert.Skip("No Docker engine reachable, so container tests cannot run: " + _unavailableReason);
        }

        return _engine;
    }

    public ContainerRunner Runner() => new(Require());

    public ValueTask DisposeAsync()
    {
        _engine?.Dispose();
        return ValueTask.CompletedTask;
    }
}
