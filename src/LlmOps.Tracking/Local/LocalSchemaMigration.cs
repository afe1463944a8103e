using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Brings a database written by an earlier version up to <see cref="LocalSchema.Version"/>, in one IMMEDIATE
/// transaction, so a second process opening the store at the same time waits and then finds the work done.
/// </summary>
internal static class LocalSchemaMigration
{
    internal static void Run(SqliteConnection connection)
    {
        if (UserVersion(connection, null) >= LocalSchema.Version)
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        if (UserVersion(connection, tx) >= LocalSchema.Version)
        {
            return;
        }

        if (TableExists(connection, tx, "pushes"))
        {
            // Version 0 did not record which server a push went to. The rows stay usable under the server '':
            // remote run ids are unique across servers, so a row is only ever matched by the remote run it names.
            LocalStore.Execute(connection, tx, """
                INSERT OR IGNORE INTO run_pushes(server, local_run_id, remote_run_id, last_metric_id)
                SELECT '', local_run_id, remote_run_id, last_metric_id FROM pushes
                """);
            if (TableExists(connection, tx, "pushed_artifacts"))
            {
                LocalStore.Execute(connection, tx, """
                    INSERT OR IGNORE INTO artifact_pushes(remote_run_id, path)
                    SELECT p.remote_run_id, a.path FROM pushed_artifacts a JOIN pushes p ON p.local_run_id = a.local_run_id
                    """);
            }

            LocalStore.Execute(connection, tx, "DROP TABLE IF EXISTS pushed_artifacts; DROP TABLE pushes;");
        }

        // Model versions are now matched against the server's own versions (by source and run), so nothing local is needed.
        LocalStore.Execute(connection, tx, $"DROP TABLE IF EXISTS pushed_models; PRAGMA user_version={LocalSchema.Version};");
        tx.Commit();
    }

    private static long UserVersion(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var command = LocalStore.Command(connection, tx, "PRAGMA user_version;");
        return (long)command.ExecuteScalar()!;
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction tx, string name)
    {
        using var command = LocalStore.Command(connection, tx, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name=$n", ("$n", name));
        return (long)command.ExecuteScalar()! > 0;
    }
}
