namespace LlmOps.Packaging;

/// <summary>A file to put in the archive: its path there and how to read its bytes (a model file on disk is streamed, not copied).</summary>
/// <param name="Path">The path in the archive, forward slashes, relative.</param>
/// <param name="Open">Opens the content for reading.</param>
internal sealed record ArchiveEntry(string Path, Func<Stream> Open)
{
    public static ArchiveEntry FromFile(string path, string file) => new(path, () => File.OpenRead(file));

    public static ArchiveEntry FromBytes(string path, byte[] bytes) => new(path, () => new MemoryStream(bytes, writable: false));
}
