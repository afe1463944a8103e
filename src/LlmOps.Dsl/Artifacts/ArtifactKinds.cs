namespace LlmOps.Dsl;

/// <summary>A dataset: one or more data files (JSONL, CSV, Parquet) and optional metadata.</summary>
public sealed class DatasetArtifact(string directory) : ArtifactFolder(directory), IArtifactKind<DatasetArtifact>
{
    /// <inheritdoc />
    public static string KindName => "dataset";

    /// <inheritdoc />
    public static DatasetArtifact Open(string directory) => new(directory);
}

/// <summary>A trained model: weights or a serialized model plus its training metadata.</summary>
public sealed class ModelArtifact(string directory) : ArtifactFolder(directory), IArtifactKind<ModelArtifact>
{
    /// <inheritdoc />
    public static string KindName => "model";

    /// <inheritdoc />
    public static ModelArtifact Open(string directory) => new(directory);
}

/// <summary>An evaluation report: metrics, the gate verdict and human-readable summaries.</summary>
public sealed class EvalReportArtifact(string directory) : ArtifactFolder(directory), IArtifactKind<EvalReportArtifact>
{
    /// <inheritdoc />
    public static string KindName => "eval-report";

    /// <inheritdoc />
    public static EvalReportArtifact Open(string directory) => new(directory);
}

/// <summary>A deployable package: the model files and a manifest of their hashes.</summary>
public sealed class PackageArtifact(string directory) : ArtifactFolder(directory), IArtifactKind<PackageArtifact>
{
    /// <inheritdoc />
    public static string KindName => "package";

    /// <inheritdoc />
    public static PackageArtifact Open(string directory) => new(directory);
}

/// <summary>A report of any other kind (validation, governance, deployment record).</summary>
public sealed class ReportArtifact(string directory) : ArtifactFolder(directory), IArtifactKind<ReportArtifact>
{
    /// <inheritdoc />
    public static string KindName => "report";

    /// <inheritdoc />
    public static ReportArtifact Open(string directory) => new(directory);
}
