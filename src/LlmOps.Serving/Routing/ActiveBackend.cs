namespace LlmOps.Serving.Routing;

/// <summary>
/// The backend the router forwards to, read from a file the deployer replaces atomically (write a temp file, rename):
/// a reader sees the old address or the new, never half of one. Re-read at most every <see cref="RefreshInterval"/>
/// so a request costs no file I/O; the deployer waits longer than that before it drains the old backend.
/// </summary>
public sealed class ActiveBackend(string file, TimeProvider? time = null)
{
    /// <summary>How stale the router's view of the active file may be.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private Uri? _current;
    private long _readAt = long.MinValue;

    /// <summary>The file's path.</summary>
    public string File { get; } = file;

    /// <summary>The active backend, or null while the file is missing or empty.</summary>
    public Uri? Current(bool forceRefresh = false)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (forceRefresh || _current is null || _time.GetElapsedTime(_readAt, now) >= RefreshInterval)
            {
                _current = Read() ?? _current;
                _readAt = now;
            }

            return _current;
        }
    }

    private Uri? Read()
    {
        try
        {
            var text = System.IO.File.ReadAllText(File).Trim();
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
