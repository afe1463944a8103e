using LlmOps.Cli;

namespace LlmOps.Emission.Argo;

/// <summary>
/// <c>./build.sh ArgoImport &lt;Pipeline&gt;.&lt;Stage&gt; &lt;from&gt; &lt;into&gt;</c>: the first container of an Argo
/// container-stage pod. Each artifact the stage consumes is taken from <c>&lt;from&gt;/&lt;artifact&gt;</c> (the exported
/// folder another task produced) through the store's import, which verifies every file against the manifest exactly
/// as a CI job's download is verified, and laid out at <c>&lt;into&gt;/&lt;artifact&gt;</c> for the stage's container.
/// </summary>
public sealed class ArgoImportCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "ArgoImport";

    /// <inheritdoc />
    public string Description => "ArgoImport <Pipeline>.<Stage> <from> <into>: verify a container stage's downloaded inputs and lay them out (Argo pods)";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (stage, from, into) = ArgoStageFolders.Parse(context, Name);
        var store = ArgoStageFolders.Store(context);
        foreach (var artifact in stage.Definition.ConsumedArtifacts)
        {
            var folder = Path.Combine(from, artifact.Name);
            if (!Directory.Exists(folder))
            {
                context.Error.WriteLine($"error: {stage.Id}: input artifact '{artifact.Name}' was not downloaded to {folder}.");
                return Task.FromResult(1);
            }

            string hash;
            try
            {
                hash = store.Import(folder, artifact.Name, artifact.Kind);
            }
            catch (InvalidDataException e)
            {
                context.Error.WriteLine($"error: {stage.Id}: downloaded artifact '{artifact.Name}' was rejected: {e.Message}");
                return Task.FromResult(1);
            }

            ArgoStageFolders.Copy(store.Materialize(hash), Path.Combine(into, artifact.Name));
            context.Output.WriteLine($"{stage.Id}: imported {artifact.Name} ({hash[..12]}), verified against its manifest");
        }

        return Task.FromResult(0);
    }
}
