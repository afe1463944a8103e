namespace LlmOps.Runtime;

/// <summary>
/// Tells apart the file-system errors a user must act on (a read-only or full disk, missing permission) from a lock
/// held by another process. .NET reports all of them as <see cref="IOException"/> on Unix, with the errno as HResult.
/// </summary>
public static class FileErrors
{
    // Linux errno values (also the HResult of the IOException .NET throws for them).
    private const int Eacces = 13;
    private const int Eagain = 11;
    private const int Eperm = 1;
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Edquot = 122;

    // Windows HRESULTs for a file another process has open or locked, and for a full disk.
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);
    private const int DiskFull = unchecked((int)0x80070070);

    /// <summary>Whether the error means another process holds an exclusive lock on the file.</summary>
    public static bool IsLockHeld(IOException error) => error.HResult is Eagain or SharingViolation or LockViolation;

    /// <summary>Whether the error means the disk (or the user's quota) is full.</summary>
    public static bool IsDiskFull(Exception error) => error is IOException { HResult: Enospc or Edquot or DiskFull };

    /// <summary>
    /// A short reason when <paramref name="error"/> means a file cannot be written at all (read-only file system,
    /// permission denied, disk full), or null for any other error.
    /// </summary>
    public static string? NotWritableReason(Exception error) => error switch
    {
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: Erofs } => "read-only file system",
        IOException { HResult: Eacces or Eperm } => "permission denied",
        _ when IsDiskFull(error) => "no space left on device",
        _ => null,
    };
}
