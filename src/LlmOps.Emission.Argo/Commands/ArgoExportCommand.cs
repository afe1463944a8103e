using LlmOps.Cli;

namespace LlmOps.Emission.Argo;

/// <summary>
/// <c>./build.sh ArgoExport &lt;Pipeline&gt;.&lt;Stage&gt; &lt;from&gt; &lt;into&gt;</c>: the last container of an Argo
/// container-stage pod. Each artifact the stage produces is taken from <c>&lt;from&gt;/&lt;artifact&gt;</c> (what the
/// stage's container wrote), recorded in the store with its hashes, and exported with its manifest to
/// <c>&lt;into&gt;/&lt;artifact&gt;</c>, the layout every consumer verifies.
/// </summary>
public sealed class ArgoExportCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "ArgoExport";

    /// <inheritdoc />
    public string Description => "ArgoExport <Pipeline>.<Stage> <from> <into>: record a container stage's outputs with hashes and export them (Argo pods)";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (stage, from, into) = ArgoStageFolders.Parse(context, Name);
        var store = ArgoStageFolders.Store(context);
        foreach (var artifact in stage.Definition.ProducedArtifacts)
        {
            var folder = Path.Combine(from, artifact.Name);
            if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any())
            {
                context.Error.WriteLine($"error: {stage.Id}: the container wrote nothing to {folder}, but the stage declares .Produces({artifact.Name}).");
                return Task.FromResult(1);
            }

            // Ingest consumes its staging folder; a copy keeps the container's output for a look after a failure.
            var staging = Path.Combine(store.Root, "tmp", $"argo-export-{Environment.ProcessId}-{artifact.Name}");
            ArgoStageFolders.Copy(folder, staging);
            var (hash, manifest) = store.Ingest(staging, artifact.Name, artifact.Kind);
            store.Export(hash, Path.Combine(into, artifact.Name));
            context.Output.WriteLine($"{stage.Id}: exported {artifact.Name} ({hash[..12]}, {manifest.Files.Count} file(s))");
        }

        return Task.FromResult(0);
    }
}
