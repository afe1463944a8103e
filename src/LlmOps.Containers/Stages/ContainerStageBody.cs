using Docker.DotNet;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Dsl;

namespace LlmOps.Containers.Stages;

/// <summary>
/// The body of a container stage: connect, remove orphans of killed runs, run the container with the stage's
/// artifacts mounted, forward logs and metrics, and turn the container's outputs into the stage's artifacts.
/// </summary>
internal static class ContainerStageBody
{
    private const string OutputsFolder = "container-outputs";

    public static async Task RunAsync(StageContext context, IStageDeclaration definition, ContainerStage feature)
    {
        if (feature.Spec.Nodes > 1)
        {
            throw new StageFailedException($"the container is declared to run on {feature.Spec.Nodes} nodes, and a local run has one Docker engine; run it on a cluster (docs/argo.md) or set the node count to 1.");
        }

        var inputs = definition.ConsumedArtifacts.ToDictionary(a => a.Name, context.InputDirectory, StringComparer.Ordinal);
        var outputs = Path.Combine(context.WorkDirectory, OutputsFolder);
        PrepareOutputs(outputs);

        try
        {
            using var engine = await DockerEngine.ConnectAsync(context.CancellationToken).ConfigureAwait(false);
            var runner = new ContainerRunner(engine);
            foreach (var removed in await runner.RemoveOrphansAsync(context.RunId, context.CancellationToken).ConfigureAwait(false))
            {
                context.Log($"[{context.StageName}] [llmops] removed container {removed} left behind by an earlier run");
            }

            // What was keyed is what runs, even if a tag moved since the key was resolved.
            var imageId = feature.PinnedDigest is null ? context.CacheKeyParts.GetValueOrDefault(ContainerStage.ImageKeyPart) : null;
            var result = await runner.RunAsync(feature.Spec, new ContainerRunRequest
            {
                RunId = context.RunId,
                StageName = context.StageName,
                Inputs = inputs,
                OutputsDirectory = outputs,
                ImageId = imageId,
                ServiceEnvironment = context.ServiceEnvironment.Select(v => KeyValuePair.Create(v.Name, v.Value)).ToList(),
                SecretValues = context.ServiceEnvironment.Where(v => v.IsSecret).Select(v => v.Value).ToList(),
                LogSink = line => context.Log($"[{context.StageName}] {line}"),
                MetricsSink = point => context.Metric(point.Name, point.Value, point.Step ?? 0),
            }, context.CancellationToken).ConfigureAwait(false);
            result.EnsureSuccess();
            if (result.RanWithoutRequestedGpus)
            {
                context.Summary($"> **Warning:** `{context.StageName}` requested GPUs ({feature.Spec.Gpus}) but ran as a **CPU smoke run**: the Docker engine has no GPU runtime.");
            }

            context.Log($"[{context.StageName}] [llmops] container exited 0 after {result.Duration.TotalSeconds:0.0} s (image {result.ImageId[..Math.Min(19, result.ImageId.Length)]})");
        }
        catch (ContainerStageException e)
        {
            throw new StageFailedException(e.Message);
        }
        catch (Exception e) when (IsEngineFault(e) && !context.CancellationToken.IsCancellationRequested)
        {
            throw new StageFailedException($"Stage '{context.StageName}': the Docker engine answered with an error: {e.Message}");
        }

        foreach (var artifact in definition.ProducedArtifacts)
        {
            var written = Path.Combine(outputs, artifact.Name);
            if (!Directory.Exists(written))
            {
                throw new StageFailedException(
                    $"Stage '{context.StageName}': the container exited 0 but did not write artifact '{artifact.Name}' "
                    + $"(expected files under {ContainerPaths.Outputs}/{artifact.Name}).");
            }

            FolderCopy.Into(written, context.OutputDirectory(artifact));
        }

        TryDelete(outputs);
    }

    /// <summary>Errors of the engine or its transport, as opposed to bugs: reported as a failed stage, not a stack trace.</summary>
    internal static bool IsEngineFault(Exception e) => e is DockerApiException or HttpRequestException or IOException or TimeoutException;

    private static void PrepareOutputs(string outputs)
    {
        if (Directory.Exists(outputs))
        {
            Directory.Delete(outputs, recursive: true);
        }

        Directory.CreateDirectory(outputs);

        // The image may run as any non-root user (the sample trainer is uid 10001); the folder is private to this attempt.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(outputs, (UnixFileMode)0x1FF);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files owned by the container's user may resist; the executor's temp clean-up tries again.
        }
    }
}
