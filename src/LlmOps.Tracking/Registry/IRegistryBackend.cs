namespace LlmOps.Tracking.Registry;

/// <summary>
/// The registry operations of one tracker (<see cref="ITracker.Registry"/>), unchecked and unscoped: names are
/// validated, errors worded and versions tied to a pipeline run by <see cref="RunModelRegistry"/>.
/// </summary>
public interface IRegistryBackend
{
    /// <summary>Points an alias at an existing version.</summary>
    Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken);

    /// <summary>The version an alias points to, or null; a missing model throws.</summary>
    Task<string?> GetAliasAsync(string modelName, string alias, CancellationToken cancellationToken);

    /// <summary>Removes an alias if set.</summary>
    Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken);

    /// <summary>Sets a tag on an existing version.</summary>
    Task SetVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken);

    /// <summary>The tags of an existing version.</summary>
    Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string modelName, string version, CancellationToken cancellationToken);

    /// <summary>Copies the files of an existing version (its source: the package its run logged) into <paramref name="directory"/>.</summary>
    Task DownloadVersionAsync(string modelName, string version, string directory, CancellationToken cancellationToken);

    /// <summary>Every version of the model with the run that registered it; empty when the model does not exist.</summary>
    Task<IReadOnlyList<RegisteredVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken);
}
