namespace LlmOps.Dsl;

/// <summary>
/// An untyped handle to an artifact, as the planner and emitters see it. Handles are values: two handles with the
/// same name and kind denote the same artifact, so declaring one as an expression-bodied property is fine.
/// </summary>
public abstract class ArtifactRef : IEquatable<ArtifactRef>
{
    private protected ArtifactRef(string name, string kind, Type contentType)
    {
        // The name becomes a CI artifact, a store folder and a word in CI scripts; refusing it here makes a bad one a
        // definition error of the pipeline rather than a surprise at emission, export or import.
        if (!CiNames.IsValid(name))
        {
            throw new ArgumentException($"Artifact name '{CiNames.Shown(name)}' is not valid: use {CiNames.Rule} (it names CI artifacts and store folders too).", nameof(name));
        }

        Name = name;
        Kind = kind;
        ContentType = contentType;
    }

    /// <summary>The artifact's name, unique within its pipeline; also its name in CI artifact stores.</summary>
    public string Name { get; }

    /// <summary>The kind of content, e.g. <c>dataset</c> or <c>model</c>.</summary>
    public string Kind { get; }

    /// <summary>The typed view of the content.</summary>
    public Type ContentType { get; }

    /// <inheritdoc />
    public bool Equals(ArtifactRef? other) => other is not null && other.Name == Name && other.ContentType == ContentType;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ArtifactRef);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, ContentType);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind})";
}
