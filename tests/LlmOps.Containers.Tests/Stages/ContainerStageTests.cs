using Docker.DotNet.Models;
using LlmOps.Containers.Images;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>
/// What the container stage test classes share: the word-count test image copied into each test's scratch folder,
/// and removal of every image a test built.
/// </summary>
public abstract class ContainerStageTests(DockerFixture docker) : IAsyncDisposable
{
    private readonly List<string> _images = [];

    protected DockerFixture Docker => docker;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Images the test built, removed when it ends.</summary>
    protected List<string> Images => _images;

    protected static string CopyTestImage(TempDir dir)
    {
        var context = dir.Sub("image");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Stages", "TestImage")))
        {
            File.Copy(file, Path.Combine(context, Path.GetFileName(file)));
        }

        // A label of its own gives each copy its own image id. Identical copies would build to one id shared by the
        // tests running side by side, and a test that removes its image by id (force) would untag the others' images
        // while they run ("resolving the container image failed", seen in CI).
        File.AppendAllText(Path.Combine(context, "Dockerfile"), $"LABEL llmops.test.copy={Guid.NewGuid():N}\n");
        return context;
    }

    protected PipelineHarness WordCount(TempDir dir)
    {
        docker.Require();
        var harness = new PipelineHarness(dir.Sub("repo"), typeof(WordCountPipeline));
        harness.Parameters["image-context"] = CopyTestImage(dir);
        var build = (DockerfileBuild)harness.Load().Single().Stages.Single(s => s.Name == "Count").Definition.Feature<ContainerStage>()!.Spec.Image;
        Images.Add(ImageProvisioner.DefaultBuildTag(build));
        return harness;
    }

    // Every test builds its own images (their tags derive from the scratch paths); leave none behind.
    public async ValueTask DisposeAsync()
    {
        if (_images.Count == 0)
        {
            return;
        }

        var engine = docker.Require();
        foreach (var image in _images)
        {
            try
            {
                await engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Already gone, or never built because the test failed early.
            }
        }
    }
}
