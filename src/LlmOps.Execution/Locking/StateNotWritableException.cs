namespace LlmOps.Execution;

/// <summary>
/// A file under the state folder (<c>.llmops</c>) cannot be written: a read-only file system, missing permission or
/// a full disk. The message is one sentence a user can act on; the command line exits with 2.
/// </summary>
public sealed class StateNotWritableException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>, with the reason in words (e.g. "read-only file system").</summary>
    public StateNotWritableException(string path, string reason, Exception? inner = null)
        : base($"cannot write {path} ({reason}); LlmOps keeps its lock, cache and run records in that folder, so make it writable or use another checkout.", inner)
    {
        Path = path;
    }

    /// <summary>The file that could not be written.</summary>
    public string Path { get; }
}
