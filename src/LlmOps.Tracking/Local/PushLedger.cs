namespace LlmOps.Tracking.Local;

/// <summary>
/// What the local store remembers of pushes to one server: the remote run of each local run, how far its metrics got,
/// and which artifact files each remote run already has. It is a cache; the server's own runs are the truth.
/// </summary>
internal sealed class PushLedger(LocalStore store, string server)
{
    internal Task<string?> RemoteRunIdAsync(string localRunId, CancellationToken cancellationToken) =>
        store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT remote_run_id FROM run_pushes WHERE server=$s AND local_run_id=$l", ("$s", server), ("$l", localRunId));
                return cmd.ExecuteScalar() as string;
            },
            cancellationToken);

    /// <summary>The metric watermark recorded for <paramref name="remoteRunId"/> under any server (remote ids are unique), or null.</summary>
    internal Task<long?> KnownWatermarkAsync(string remoteRunId, CancellationToken cancellationToken) =>
        store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT MAX(last_metric_id) FROM run_pushes WHERE remote_run_id=$r", ("$r", remoteRunId));
                return cmd.ExecuteScalar() is long value ? value : (long?)null;
            },
            cancellationToken);

    internal Task RecordAsync(string localRunId, string remoteRunId, long watermark, CancellationToken cancellationToken) =>
        store.WriteAsync(
            (c, tx) => LocalStore.Execute(c, tx, """
                INSERT INTO run_pushes(server, local_run_id, remote_run_id, last_metric_id) VALUES($s, $l, $r, $w)
                ON CONFLICT(server, local_run_id) DO UPDATE SET remote_run_id=excluded.remote_run_id, last_metric_id=excluded.last_metric_id
                """, ("$s", server), ("$l", localRunId), ("$r", remoteRunId), ("$w", watermark)),
            cancellationToken);

    internal Task<HashSet<string>> PushedArtifactsAsync(string remoteRunId, CancellationToken cancellationToken) =>
        store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT path FROM artifact_pushes WHERE remote_run_id=$r", ("$r", remoteRunId));
                using var reader = cmd.ExecuteReader();
                var set = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    set.Add(reader.GetString(0));
                }

                return set;
            },
            cancellationToken);

    internal Task ArtifactPushedAsync(string remoteRunId, string path, CancellationToken cancellationToken) =>
        store.WriteAsync(
            (c, tx) => LocalStore.Execute(c, tx, "INSERT OR IGNORE INTO artifact_pushes(remote_run_id, path) VALUES($r, $p)", ("$r", remoteRunId), ("$p", path)),
            cancellationToken);
}
