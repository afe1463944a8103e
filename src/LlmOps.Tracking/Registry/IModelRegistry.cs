namespace LlmOps.Tracking.Registry;

/// <summary>
/// The model registry of the run's tracker as a stage body sees it (<c>context.ModelRegistry()</c>): aliases and
/// version tags of registered models, on an MLflow server or in the local tracker alike. Every failure, a bad name
/// included, is a <see cref="Dsl.StageFailedException"/> naming the operation, so the stage fails with a message and
/// no stack trace; no message carries credentials.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Where the registry is: the tracker's <see cref="ITracker.Location"/> (a server without credentials, or <c>local</c>).</summary>
    string Location { get; }

    /// <summary>
    /// The version of <paramref name="modelName"/> that this pipeline run registered (a package an earlier stage
    /// produced) or took from the cache (the version its producer registered on this tracker), newest first; null when
    /// there is none.
    /// </summary>
    Task<string?> FindRunVersionAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, moving it if it pointed elsewhere.</summary>
    /// <param name="modelName">The registered model.</param>
    /// <param name="alias">Letters, digits, <c>_</c> and <c>-</c>; not <c>latest</c> or <c>v&lt;digits&gt;</c> (reserved by MLflow).</param>
    /// <param name="version">An existing version number, as text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken = default);

    /// <summary>The version <paramref name="alias"/> points to, or null when the model has no such alias; a missing model is an error.</summary>
    Task<string?> GetAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version <paramref name="alias"/> points to, or null when it is not set <em>or the model is not registered
    /// yet</em>: the question a gate asks for its champion, where both are a cold start.
    /// </summary>
    Task<string?> FindAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies the files of a model version (the package its run logged) into <paramref name="directory"/>, which must
    /// not exist yet: the files are downloaded beside it and the folder renamed into place, so a reader never sees
    /// half a version.
    /// </summary>
    Task DownloadVersionAsync(string modelName, string version, string directory, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias; removing one that is not set is not an error.</summary>
    Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default);

    /// <summary>Sets a tag on a model version, overwriting an existing value.</summary>
    Task SetVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>The tags of a model version.</summary>
    Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string modelName, string version, CancellationToken cancellationToken = default);
}
