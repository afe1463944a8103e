using System.Formats.Tar;

namespace LlmOps.Containers.Images;

/// <summary>
/// Packs a build context into the tar stream POST /build expects. A Dockerfile outside the context is added
/// under a reserved name, as <c>docker build -f</c> does.
/// </summary>
internal static class BuildContextArchive
{
    public const string ExternalDockerfileName = ".llmops.Dockerfile";

    /// <summary>Writes the archive to a self-deleting temp file and returns it positioned at 0, with the Dockerfile's name inside.</summary>
    public static async Task<(Stream Archive, string DockerfileName)> CreateAsync(string contextDirectory, string dockerfilePath, CancellationToken cancellationToken)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"llmops-context-{Guid.NewGuid():N}.tar"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var relative = Path.GetRelativePath(contextDirectory, dockerfilePath);
            var inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
            var dockerfileName = inside ? relative.Replace(Path.DirectorySeparatorChar, '/') : ExternalDockerfileName;
            await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var path in Directory.EnumerateFileSystemEntries(contextDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var entryName = Path.GetRelativePath(contextDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
                    await writer.WriteEntryAsync(path, entryName, cancellationToken).ConfigureAwait(false);
                }

                if (!inside)
                {
                    await writer.WriteEntryAsync(dockerfilePath, ExternalDockerfileName, cancellationToken).ConfigureAwait(false);
                }
            }

            file.Position = 0;
            return (file, dockerfileName);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
