namespace LlmOps.Tracking.Mlflow;

/// <summary>An entry of an artifact listing.</summary>
public sealed class ArtifactFileInfo
{
    /// <summary>Path; a basename in proxy listings.</summary>
    public string Path { get; set; } = "";

    /// <summary>True for folders.</summary>
    public bool IsDir { get; set; }

    /// <summary>Size in bytes; absent for folders.</summary>
    public long? FileSize { get; set; }
}

/// <summary>Response of the artifact listing; an empty folder is <c>{}</c>.</summary>
public sealed class ListArtifactsResponse
{
    /// <summary>Entries.</summary>
    public List<ArtifactFileInfo>? Files { get; set; }
}
