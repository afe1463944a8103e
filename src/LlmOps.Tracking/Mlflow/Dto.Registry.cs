namespace LlmOps.Tracking.Mlflow;

/// <summary>A registered model.</summary>
public sealed class RegisteredModel
{
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Created, Unix ms.</summary>
    public long? CreationTimestamp { get; set; }

    /// <summary>Latest version per stage.</summary>
    public List<ModelVersion>? LatestVersions { get; set; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; set; }

    /// <summary>Aliases.</summary>
    public List<ModelAlias>? Aliases { get; set; }
}

/// <summary>An alias entry of a registered model.</summary>
/// <param name="Alias">Alias.</param>
/// <param name="Version">Version it points to.</param>
public sealed record ModelAlias(string Alias, string Version);

/// <summary>A model version; <see cref="Version"/> is a string on the wire.</summary>
public sealed class ModelVersion
{
    /// <summary>Model name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Version number as text.</summary>
    public string Version { get; set; } = "";

    /// <summary>Source URI of the files.</summary>
    public string? Source { get; set; }

    /// <summary>Run that produced it.</summary>
    public string? RunId { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Legacy stage.</summary>
    public string? CurrentStage { get; set; }

    /// <summary>READY, PENDING_REGISTRATION or FAILED_REGISTRATION.</summary>
    public string? Status { get; set; }

    /// <summary>Aliases (plain strings here, unlike on the model).</summary>
    public List<string>? Aliases { get; set; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; set; }
}

/// <summary>Body of registered-models/create.</summary>
public sealed class CreateRegisteredModelRequest
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; init; }
}

/// <summary>Body of registered-models/update.</summary>
/// <param name="Name">Name.</param>
/// <param name="Description">New description.</param>
public sealed record UpdateRegisteredModelRequest(string Name, string? Description);

/// <summary>Response with one registered model.</summary>
public sealed class RegisteredModelResponse
{
    /// <summary>The model.</summary>
    public RegisteredModel? RegisteredModel { get; set; }
}

/// <summary>Response of registered-models/search.</summary>
public sealed class SearchRegisteredModelsResponse
{
    /// <summary>Models.</summary>
    public List<RegisteredModel>? RegisteredModels { get; set; }

    /// <summary>Next page token.</summary>
    public string? NextPageToken { get; set; }
}

/// <summary>Body of model-versions/create.</summary>
public sealed class CreateModelVersionRequest
{
    /// <summary>Model name.</summary>
    public required string Name { get; init; }

    /// <summary>Source URI.</summary>
    public required string Source { get; init; }

    /// <summary>Producing run.</summary>
    public string? RunId { get; init; }

    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; init; }
}

/// <summary>Body of model-versions/update.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version.</param>
/// <param name="Description">New description.</param>
public sealed record UpdateModelVersionRequest(string Name, string Version, string? Description);

/// <summary>Response with one model version.</summary>
public sealed class ModelVersionResponse
{
    /// <summary>The version.</summary>
    public ModelVersion? ModelVersion { get; set; }
}

/// <summary>Response of model-versions/search.</summary>
public sealed class SearchModelVersionsResponse
{
    /// <summary>Versions.</summary>
    public List<ModelVersion>? ModelVersions { get; set; }

    /// <summary>Next page token.</summary>
    public string? NextPageToken { get; set; }
}

/// <summary>Body of set-alias.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Alias">Alias.</param>
/// <param name="Version">Version.</param>
public sealed record SetAliasRequest(string Name, string Alias, string Version);

/// <summary>Body of delete-alias (a JSON body on DELETE: the server ignores the query string there).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Alias">Alias.</param>
public sealed record DeleteAliasRequest(string Name, string Alias);

/// <summary>Body of model-versions/set-tag (an existing key is overwritten).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version.</param>
/// <param name="Key">Tag key.</param>
/// <param name="Value">Tag value.</param>
public sealed record SetModelVersionTagRequest(string Name, string Version, string Key, string Value);

/// <summary>Body of model-versions/delete-tag (a JSON body on DELETE, like every registry delete).</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version.</param>
/// <param name="Key">Tag key.</param>
public sealed record DeleteModelVersionTagRequest(string Name, string Version, string Key);
