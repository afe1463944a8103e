namespace LlmOps.Dsl;

/// <summary>
/// A read-only view of one stage's declaration, for stage kinds and features: a body reads the artifacts it mounts
/// or scans, a feature reads its siblings, and nothing outside the DSL can change the declaration after loading.
/// </summary>
public interface IStageDeclaration
{
    /// <summary>The description, or an empty string.</summary>
    string DescriptionText { get; }

    /// <summary>Artifacts the stage reads, in declaration order.</summary>
    IReadOnlyList<ArtifactRef> ConsumedArtifacts { get; }

    /// <summary>Artifacts the stage writes, in declaration order.</summary>
    IReadOnlyList<ArtifactRef> ProducedArtifacts { get; }

    /// <summary>Declared input paths, relative to the pipeline folder.</summary>
    IReadOnlyList<string> InputPaths { get; }

    /// <summary>Files or folders outside the store that the stage writes.</summary>
    IReadOnlyList<string> OutputPaths { get; }

    /// <summary>Environment variables that are part of the cache key.</summary>
    IReadOnlyList<string> EnvironmentVariables { get; }

    /// <summary>The time limit, or null.</summary>
    TimeSpan? TimeoutValue { get; }

    /// <summary>Why the stage is never cached, or null when it is cached.</summary>
    string? NotCachedReason { get; }

    /// <summary>The stage's one body, or null for a stage that only groups dependencies.</summary>
    IStageBody? Body { get; }

    /// <summary>Every attached feature, in the order attached.</summary>
    IReadOnlyList<object> AttachedFeatures { get; }

    /// <summary>The feature of type <typeparamref name="TFeature"/>, or null.</summary>
    TFeature? Feature<TFeature>() where TFeature : class;
}
