using System.Text;

namespace LlmOps.Runtime;

/// <summary>
/// Writes files so that readers see either the old content or the new, never a torn write, even after a crash or a
/// power cut: the content goes to a temporary file in the same folder (a rename across file systems is not atomic),
/// is flushed to disk (otherwise the rename can reach the disk before the data and leave an empty file), and is
/// renamed over the target. A write that fails leaves the old file as it was and no temporary file behind.
/// </summary>
public static class AtomicFile
{
    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM).</summary>
    public static void WriteAllText(string path, string content) => WriteAllBytes(path, Encoding.UTF8.GetBytes(content));

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> content) => Write(path, stream => stream.Write(content.Span));

    /// <summary>Atomically replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temp = TempPath(path);
        try
        {
            using (var stream = Create(temp, useAsync: false))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Atomically replaces <paramref name="path"/> with the rest of <paramref name="content"/>.</summary>
    public static async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        var temp = TempPath(path);
        try
        {
            await using (var stream = Create(temp, useAsync: true))
            {
                await content.CopyToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Moves a finished temporary file into place; when the target already exists it is kept and the temporary file
    /// deleted (content-addressed data: both hold the same bytes, and a reader may have the existing one open).
    /// </summary>
    public static void PublishImmutable(string temp, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            TryDelete(temp);
        }
    }

    // Hidden, unique per process and attempt, and in the target's folder so that the rename stays on one file system.
    private static string TempPath(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    private static FileStream Create(string temp, bool useAsync) =>
        new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
