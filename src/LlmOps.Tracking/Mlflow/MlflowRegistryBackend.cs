using LlmOps.Tracking.Registry;

namespace LlmOps.Tracking.Mlflow;

/// <summary>The model registry of an MLflow server, over <see cref="MlflowRegistry"/>'s calls.</summary>
internal sealed class MlflowRegistryBackend(MlflowClient client) : IRegistryBackend
{
    public Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken) =>
        client.SetAliasAsync(modelName, alias, version, cancellationToken);

    public async Task<string?> GetAliasAsync(string modelName, string alias, CancellationToken cancellationToken) =>
        (await client.FindVersionByAliasAsync(modelName, alias, cancellationToken).ConfigureAwait(false))?.Version;

    public Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken) =>
        client.DeleteAliasAsync(modelName, alias, cancellationToken);

    public Task SetVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken) =>
        client.SetModelVersionTagAsync(modelName, version, key, value, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string modelName, string version, CancellationToken cancellationToken)
    {
        var found = await client.Api.GetModelVersionAsync(modelName, version, cancellationToken).ConfigureAwait(false);
        return (found.ModelVersion?.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
    }

    public async Task DownloadVersionAsync(string modelName, string version, string directory, CancellationToken cancellationToken)
    {
        var found = await client.Api.GetModelVersionAsync(modelName, version, cancellationToken).ConfigureAwait(false);
        var source = found.ModelVersion?.Source is { Length: > 0 } s ? s : throw new InvalidOperationException($"version {version} of model '{modelName}' has no source");
        await DownloadFolderAsync(source, null, directory, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RegisteredVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken) =>
        (await client.ListModelVersionsAsync(modelName, cancellationToken).ConfigureAwait(false)).Select(v => new RegisteredVersion(v.Version, v.RunId)).ToList();

    // Proxied listings name entries by basename, one folder at a time.
    private async Task DownloadFolderAsync(string source, string? relative, string directory, CancellationToken cancellationToken)
    {
        foreach (var entry in await client.ListArtifactsAsync(source, relative, cancellationToken).ConfigureAwait(false))
        {
            var name = entry.Path.Split('/')[^1];
            var path = relative is null ? name : $"{relative}/{name}";
            if (entry.IsDir)
            {
                await DownloadFolderAsync(source, path, directory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.DownloadArtifactAsync(source, path, Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
