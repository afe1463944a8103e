using System.Globalization;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Packaging;

/// <summary>
/// A packaging stage, attached by <see cref="PackagingStageExtensions.Packages"/>: it packages the model an evaluation
/// gate blessed into a reproducible archive with a model card and an ML-BOM, and signs an in-toto statement with SLSA
/// provenance about it (docs/packaging.md).
/// </summary>
public sealed class PackagingFeature : IStageBody, ICacheKeyContributor, IPlanAnnotation, IDeclarationCheck, ICiJobContributor
{
    internal PackagingFeature(Artifact<Blessed<ModelArtifact>> model) => (Model, Name) = (model, model.Name);

    /// <summary>The blessed model.</summary>
    public Artifact<Blessed<ModelArtifact>> Model { get; }

    /// <summary>The package's name (the model artifact's name unless <c>.Named(...)</c>).</summary>
    public string Name { get; internal set; }

    /// <summary>The model card's declared fields.</summary>
    public ModelCardSpec Card { get; } = new();

    /// <summary>Artifacts included under <c>evidence/&lt;name&gt;/</c>.</summary>
    public List<ArtifactRef> Evidence { get; } = [];

    /// <summary>Datasets with their licences and validation reports.</summary>
    public List<(Artifact<DatasetArtifact> Dataset, string? License, ArtifactRef? Validation)> Datasets { get; } = [];

    /// <summary>The base model, or null.</summary>
    public BaseModelInput? BaseModel { get; internal set; }

    /// <summary>The trainer image with its digest, or null.</summary>
    public string? TrainerImage { get; internal set; }

    /// <summary>Training parameters recorded in the card and as the provenance's external parameters.</summary>
    public List<(string Name, Func<object?> Value)> TrainingParameters { get; } = [];

    /// <summary>Frameworks and packages the model was made with.</summary>
    public List<KeyValuePair<string, string>> Frameworks { get; } = [];

    /// <summary>Reads the PEM of the signing key from a <c>[Secret]</c> parameter, or null.</summary>
    public Func<string?>? SigningKeyPem { get; internal set; }

    /// <summary>The declared key file (relative to the repository root), or null.</summary>
    public string? KeyFile { get; internal set; }

    /// <summary>Where the package is published, or null when it stays local.</summary>
    public PublishingSpec? Publishing { get; internal set; }

    /// <summary>The package artifact, or null until <c>.Produces(...)</c>.</summary>
    public Artifact<PackageArtifact>? Package { get; internal set; }

    /// <inheritdoc />
    public string Kind => "Packages";

    /// <inheritdoc />
    public string PlanAnnotation =>
        $"package {Name} from {Model.Name}: model card, CycloneDX ML-BOM, DSSE-signed SLSA provenance" + (Evidence.Count > 0 ? $", evidence {string.Join(", ", Evidence.Select(e => e.Name))}" : "") +
        (Publishing is { } p ? $", published to the registry in {p.Parameter}" + (p.Modelcar ? " (artifact and modelcar)" : "") : "");

    /// <inheritdoc />
    public IEnumerable<string> Check(IStageDeclaration stage)
    {
        if (Package is null)
        {
            yield return $"it packages {Model.Name} but says nowhere to: add .Produces(packageArtifact) after .Packages(...)";
        }
    }

    /// <inheritdoc />
    public ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context)
    {
        List<KeyValuePair<string, string>> parts =
        [
            new("packaging:declaration", Describe()),
            new("packaging:key", SigningKeyPem is not null ? "secret parameter" : KeyFile ?? "local key"),
        ];

        // Where it is published decides what published.json says; a package stays a hit while that is unchanged.
        if (Publishing is { } publishing)
        {
            parts.Add(new("packaging:publish", $"{publishing.Repository()}{(publishing.Modelcar ? " +modelcar" : "")}"));
        }

        return ValueTask.FromResult(CacheKeyParts.Of([.. parts]));
    }

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.AddActionStep(new CiActionStep(
            "Attest build provenance (GitHub, keyless)",
            "actions/attest-build-provenance",
            new Dictionary<string, string> { ["subject-checksums"] = AttestationChecksums.RelativePath(Name) },
            ["id-token: write", "attestations: write"]));
    }

    /// <inheritdoc />
    public Task RunAsync(StageContext context, IStageDeclaration stage) => PackageRun.RunAsync(context, this);

    internal IReadOnlyList<KeyValuePair<string, string>> ParameterValues() =>
        TrainingParameters.Select(p => new KeyValuePair<string, string>(p.Name, Convert.ToString(p.Value(), CultureInfo.InvariantCulture) ?? "")).ToList();

    private string Describe() => string.Join("\n",
        Name,
        Card.Describe(),
        string.Join(";", Evidence.Select(e => e.Name)),
        string.Join(";", Datasets.Select(d => $"{d.Dataset.Name}:{d.License}:{d.Validation?.Name}")),
        BaseModel?.ToString() ?? "",
        TrainerImage ?? "",
        string.Join(";", ParameterValues().Concat(Frameworks).Select(p => $"{p.Key}={p.Value}")));
}
