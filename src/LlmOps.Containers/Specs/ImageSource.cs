namespace LlmOps.Containers.Specs;

/// <summary>Where a stage's image comes from: a reference to pull, or a Dockerfile to build.</summary>
public abstract record ImageSource
{
    private protected ImageSource()
    {
    }

    /// <summary>Canonical text for cache keys.</summary>
    public abstract string Describe();
}

/// <summary>An image referenced by tag (<c>repo:tag</c>) or digest (<c>repo@sha256:...</c>).</summary>
/// <param name="Reference">The image reference as the user wrote it.</param>
public sealed record ImageReference(string Reference) : ImageSource
{
    /// <inheritdoc />
    public override string Describe() => "image=" + Reference;
}

/// <summary>An image built by the engine from a Dockerfile and a context directory.</summary>
public sealed record DockerfileBuild : ImageSource
{
    /// <summary>Creates the build description; paths are made absolute.</summary>
    public DockerfileBuild(string dockerfilePath, string contextDirectory, IReadOnlyDictionary<string, string> buildArgs, string? tag)
    {
        DockerfilePath = Path.GetFullPath(dockerfilePath);
        ContextDirectory = Path.GetFullPath(contextDirectory);
        BuildArgs = new SortedDictionary<string, string>(buildArgs.ToDictionary(), StringComparer.Ordinal);
        Tag = tag;
    }

    /// <summary>Absolute path of the Dockerfile.</summary>
    public string DockerfilePath { get; }

    /// <summary>Absolute path of the build context directory.</summary>
    public string ContextDirectory { get; }

    /// <summary>Build arguments, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; }

    /// <summary>Tag to give the built image, or null for one derived from the description.</summary>
    public string? Tag { get; }

    /// <inheritdoc />
    public override string Describe() =>
        $"dockerfile={DockerfilePath};context={ContextDirectory};buildArgs={string.Join(',', BuildArgs.Select(kv => kv.Key + "=" + kv.Value))}"
        + (Tag is null ? string.Empty : ";tag=" + Tag);
}
