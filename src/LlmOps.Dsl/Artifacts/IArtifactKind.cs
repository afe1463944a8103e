namespace LlmOps.Dsl;

/// <summary>A kind of artifact content: a folder of files with a typed view over it.</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IArtifactKind<TSelf> where TSelf : IArtifactKind<TSelf>
{
    /// <summary>The kind's short name, e.g. <c>dataset</c>.</summary>
    static abstract string KindName { get; }

    /// <summary>Opens the typed view over a folder.</summary>
    static abstract TSelf Open(string directory);
}
