namespace LlmOps.Dsl;

/// <summary>
/// A typed artifact handle. The type parameter makes wiring checkable by the compiler: an API that needs a model
/// takes <c>Artifact&lt;ModelArtifact&gt;</c>, so passing a dataset does not compile.
/// </summary>
/// <typeparam name="T">The typed view of the artifact's content.</typeparam>
/// <param name="name">The artifact's name, unique within its pipeline.</param>
public sealed class Artifact<T>(string name) : ArtifactRef(name, T.KindName, typeof(T))
    where T : IArtifactKind<T>;
