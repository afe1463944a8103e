namespace LlmOps.Execution;

/// <summary>
/// One run at a time per repository: an exclusive lock on <c>.llmops/lock</c> (flock on Unix, released by the
/// kernel when the process dies, so a killed run never leaves a stale lock). A second run waits, saying for whom.
/// </summary>
public sealed class RepoLock : IDisposable
{
    private readonly FileStream _stream;

    private RepoLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/>; <paramref name="onWait"/> is told once who holds it.
    /// Throws <see cref="LockTimeoutException"/> when the wait runs out.
    /// </summary>
    public static RepoLock Acquire(string stateDirectory, string runId, TimeSpan wait, Action<string> onWait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = new StateLayout(stateDirectory).Lock;
        var deadline = DateTime.UtcNow + wait;
        var told = false;
        while (true)
        {
            FileStream? stream = null;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                AtomicFile.WriteAllText(path + ".owner", $"run {runId} (pid {Environment.ProcessId})");
                return new RepoLock(stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && !IsHeldElsewhere(e))
            {
                // A read-only or full state folder is not "another run holds the lock": waiting would not help, and
                // the holder named in .owner may have finished long ago. A lock taken here is let go at once.
                stream?.Dispose();
                throw new StateNotWritableException(path, FileErrors.NotWritableReason(e) ?? e.Message, e);
            }
            catch (IOException)
            {
                var holder = ReadHolder(path);
                if (DateTime.UtcNow >= deadline)
                {
                    throw new LockTimeoutException($"Another LlmOps run holds {path} ({holder}). Wait for it to finish, or pass --lock-wait <seconds> to wait longer.");
                }

                if (!told)
                {
                    onWait($"Waiting for {holder} to finish (it holds {path}); Ctrl+C stops waiting.");
                    told = true;
                }

                Task.Delay(200, cancellationToken).Wait(cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static bool IsHeldElsewhere(Exception e) => e is IOException io && FileErrors.IsLockHeld(io);

    private static string ReadHolder(string path)
    {
        // The lock file itself cannot be read while locked (flock), so the holder is named in a file beside it.
        try
        {
            var holder = File.ReadAllText(path + ".owner").Trim();
            return holder.Length > 0 ? holder : "another run";
        }
        catch (IOException)
        {
            return "another run";
        }
    }
}

/// <summary>The repository lock could not be taken in time.</summary>
/// <param name="message">Who holds it and what to do.</param>
public sealed class LockTimeoutException(string message) : Exception(message);
