using System.Globalization;
using LlmOps.Dsl;

namespace LlmOps.Tracking.Registry;

/// <summary>
/// The <see cref="IModelRegistry"/> a stage of one pipeline run gets: it checks names the same way for every
/// backend, knows which tracker runs belong to the pipeline run, and turns every failure into a
/// <see cref="StageFailedException"/> naming the operation and the tracker.
/// </summary>
/// <param name="backend">The tracker's registry.</param>
/// <param name="location">The tracker's location, without credentials.</param>
/// <param name="runIds">The tracker runs of this pipeline run (its stages, and the runs its cached stages link to).</param>
public sealed class RunModelRegistry(IRegistryBackend backend, string location, Func<IReadOnlyCollection<string>> runIds) : IModelRegistry
{
    /// <inheritdoc />
    public string Location => location;

    /// <inheritdoc />
    public Task<string?> FindRunVersionAsync(string modelName, CancellationToken cancellationToken = default) =>
        CallAsync($"finding the version of model '{modelName}' registered by this run", async () =>
        {
            Model(modelName);
            var runs = runIds().ToHashSet(StringComparer.Ordinal);
            var versions = await backend.ListVersionsAsync(modelName, cancellationToken).ConfigureAwait(false);
            return versions.Where(v => v.RunId is { } run && runs.Contains(run))
                .OrderByDescending(v => long.TryParse(v.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .FirstOrDefault()?.Version;
        });

    /// <inheritdoc />
    public Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken = default) =>
        CallAsync($"setting alias '{alias}' of model '{modelName}' to version {version}", () =>
        {
            Model(modelName);
            TrackingValidation.Alias(alias);
            Version(version);
            return backend.SetAliasAsync(modelName, alias, version, cancellationToken);
        });

    /// <inheritdoc />
    public Task<string?> GetAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default) =>
        CallAsync($"reading alias '{alias}' of model '{modelName}'", () =>
        {
            Model(modelName);
            TrackingValidation.Alias(alias);
            return backend.GetAliasAsync(modelName, alias, cancellationToken);
        });

    /// <inheritdoc />
    public Task<string?> FindAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default) =>
        CallAsync($"reading alias '{alias}' of model '{modelName}'", async () =>
        {
            Model(modelName);
            TrackingValidation.Alias(alias);
            var versions = await backend.ListVersionsAsync(modelName, cancellationToken).ConfigureAwait(false);
            return versions.Count == 0 ? null : await backend.GetAliasAsync(modelName, alias, cancellationToken).ConfigureAwait(false);
        });

    /// <inheritdoc />
    public Task DownloadVersionAsync(string modelName, string version, string directory, CancellationToken cancellationToken = default) =>
        CallAsync($"downloading model '{modelName}' version {version}", async () =>
        {
            Model(modelName);
            Version(version);
            var target = Path.GetFullPath(directory);
            if (Directory.Exists(target))
            {
                throw new IOException($"'{target}' already exists");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var staging = $"{target}.download-{Guid.NewGuid():N}";
            try
            {
                Directory.CreateDirectory(staging);
                await backend.DownloadVersionAsync(modelName, version, staging, cancellationToken).ConfigureAwait(false);
                Directory.Move(staging, target);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        });

    /// <inheritdoc />
    public Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default) =>
        CallAsync($"deleting alias '{alias}' of model '{modelName}'", () =>
        {
            Model(modelName);
            TrackingValidation.Alias(alias);
            return backend.DeleteAliasAsync(modelName, alias, cancellationToken);
        });

    /// <inheritdoc />
    public Task SetVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken = default) =>
        CallAsync($"setting tag '{key}' of model '{modelName}' version {version}", () =>
        {
            Model(modelName);
            Version(version);
            TrackingValidation.Key(key, "model version tag");
            return backend.SetVersionTagAsync(modelName, version, key, TrackingValidation.Truncate(value, TrackingValidation.MaxTagValueLength), cancellationToken);
        });

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string modelName, string version, CancellationToken cancellationToken = default) =>
        CallAsync($"reading the tags of model '{modelName}' version {version}", () =>
        {
            Model(modelName);
            Version(version);
            return backend.GetVersionTagsAsync(modelName, version, cancellationToken);
        });

    private static void Model(string modelName)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            throw new ArgumentException("The model name must not be empty.");
        }
    }

    private static void Version(string version)
    {
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new ArgumentException($"The model version '{version}' is not a version number (1, 2, ...).");
        }
    }

    private Task CallAsync(string operation, Func<Task> call) =>
        CallAsync<bool>(operation, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    // A stage that asked for a registry change must not pass without it, so failures fail the stage (unlike the
    // tracker's own recording, which warns once and goes on); the message is the operation and the tracker's own words.
    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not StageFailedException)
        {
            throw new StageFailedException($"model registry ({location}): {operation} failed: {e.Message}");
        }
    }
}
