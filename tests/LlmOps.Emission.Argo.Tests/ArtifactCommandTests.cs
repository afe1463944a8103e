using LlmOps.Cli;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>The commands a container-stage pod runs around the stage's image, on real folders and a real store.</summary>
public sealed class ArtifactCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-argo-io-").FullName;

    [Fact]
    public void An_exported_output_imports_verified_into_the_consumers_inputs()
    {
        Write("outputs/data/train.jsonl", "{\"text\":\"hello\"}\n");

        Assert.Equal(0, Run(new ArgoExportCommand(), "ArgoTrain.Prepare", "outputs", "export", out _));
        Assert.True(File.Exists(Path.Combine(_root, "export", "data", ".llmops-manifest.json")));
        Assert.Equal(0, Run(new ArgoImportCommand(), "ArgoTrain.Train", "export", "inputs", out var output));

        Assert.Equal("{\"text\":\"hello\"}\n", File.ReadAllText(Path.Combine(_root, "inputs", "data", "train.jsonl")));
        Assert.Contains("verified against its manifest", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_download_is_rejected_and_nothing_reaches_the_inputs()
    {
        Write("outputs/data/train.jsonl", "{\"text\":\"hello\"}\n");
        Assert.Equal(0, Run(new ArgoExportCommand(), "ArgoTrain.Prepare", "outputs", "export", out _));
        File.WriteAllText(Path.Combine(_root, "export", "data", "train.jsonl"), "{\"text\":\"tampered\"}\n");

        Assert.Equal(1, Run(new ArgoImportCommand(), "ArgoTrain.Train", "export", "inputs", out var output));

        Assert.Contains("downloaded artifact 'data' was rejected", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "inputs", "data")));
    }

    [Fact]
    public void A_container_that_wrote_no_output_fails_the_export_naming_the_artifact()
    {
        Assert.Equal(1, Run(new ArgoExportCommand(), "ArgoTrain.Train", "outputs", "export", out var output));

        Assert.Contains("declares .Produces(model)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stage_is_a_usage_error()
    {
        Assert.Throws<UsageException>(() => Run(new ArgoImportCommand(), "ArgoTrain.Nope", "export", "inputs", out _));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private int Run(ICliCommand command, string stage, string from, string into, out string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var line = CommandLine.Parse([command.Name, stage, Path.Combine(_root, from), Path.Combine(_root, into)]);
        var context = new CliContext(_root, line, Loaded.Pipelines(typeof(ArgoTrainPipeline)), stdout, stderr, _ => null);
        try
        {
            return command.RunAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            output = stdout.ToString() + stderr;
        }
    }
}
