namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// Model-registry operations that need a little more than one REST call: aliases (whose absence MLflow reports as a
/// 400, not a 404) and model-version tags.
/// </summary>
public static class MlflowRegistry
{
    private const int SearchPageSize = 1000;

    /// <summary>Points <paramref name="alias"/> of <paramref name="modelName"/> at <paramref name="version"/>, moving it if it pointed elsewhere.</summary>
    /// <param name="client">The client.</param>
    /// <param name="modelName">Registered model.</param>
    /// <param name="alias">Alias: letters, digits, <c>_</c> and <c>-</c>; not <c>latest</c> or <c>v&lt;digits&gt;</c> (reserved by MLflow).</param>
    /// <param name="version">Version number as text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task SetAliasAsync(this MlflowClient client, string modelName, string alias, string version, CancellationToken cancellationToken = default) =>
        client.Api.SetAliasAsync(new SetAliasRequest(modelName, alias, version), cancellationToken);

    /// <summary>Removes an alias; removing one that does not exist is not an error on the server.</summary>
    public static Task DeleteAliasAsync(this MlflowClient client, string modelName, string alias, CancellationToken cancellationToken = default) =>
        client.Api.DeleteAliasAsync(new DeleteAliasRequest(modelName, alias), cancellationToken);

    /// <summary>The version <paramref name="alias"/> points to, or null when the model has no such alias.</summary>
    /// <exception cref="MlflowException">Any other failure, e.g. 404 when the model itself does not exist.</exception>
    public static async Task<ModelVersion?> FindVersionByAliasAsync(this MlflowClient client, string modelName, string alias, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await client.Api.GetModelVersionByAliasAsync(modelName, alias, cancellationToken).ConfigureAwait(false)).ModelVersion;
        }
        catch (MlflowException ex) when (IsUnknownAlias(ex))
        {
            return null;
        }
    }

    /// <summary>Sets a tag on a model version, overwriting an existing value.</summary>
    public static Task SetModelVersionTagAsync(this MlflowClient client, string modelName, string version, string key, string value, CancellationToken cancellationToken = default)
    {
        TrackingValidation.Key(key, "model version tag");
        return client.Api.SetModelVersionTagAsync(new SetModelVersionTagRequest(modelName, version, key, value), cancellationToken);
    }

    /// <summary>Removes a tag from a model version.</summary>
    public static Task DeleteModelVersionTagAsync(this MlflowClient client, string modelName, string version, string key, CancellationToken cancellationToken = default) =>
        client.Api.DeleteModelVersionTagAsync(new DeleteModelVersionTagRequest(modelName, version, key), cancellationToken);

    /// <summary>
    /// Every version of <paramref name="modelName"/>, all pages; none when the model does not exist. Only versions of
    /// exactly that name: a name with both quote characters is searched for with LIKE, which can match others.
    /// </summary>
    public static async Task<IReadOnlyList<ModelVersion>> ListModelVersionsAsync(this MlflowClient client, string modelName, CancellationToken cancellationToken = default)
    {
        var versions = new List<ModelVersion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await client.Api.SearchModelVersionsAsync(SearchFilter.NameEquals(modelName), SearchPageSize, token, cancellationToken).ConfigureAwait(false);
            versions.AddRange((page.ModelVersions ?? []).Where(v => v.Name == modelName));
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token) && seen.Add(token));

        return versions;
    }

    // MLflow answers an unknown alias with 400 INVALID_PARAMETER_VALUE "Registered model alias prod not found."
    // (NOTES.md 3, all recorded versions), so only that message tells it from a malformed request.
    private static bool IsUnknownAlias(MlflowException ex) =>
        ex.StatusCode == 400 && ex.ErrorCode == "INVALID_PARAMETER_VALUE"
        && ex.ServerMessage.Contains("alias", StringComparison.OrdinalIgnoreCase) && ex.ServerMessage.Contains("not found", StringComparison.OrdinalIgnoreCase);
}
