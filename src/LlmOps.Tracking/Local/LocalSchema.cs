namespace LlmOps.Tracking.Local;

/// <summary>
/// SQLite schema of the local tracker. Metric values are nullable because SQLite stores NaN as NULL. Push records are
/// keyed by server (a local run can live on several) and artifacts by remote run id, which is unique across servers.
/// </summary>
internal static class LocalSchema
{
    internal const string Create = """
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            parent_run_id TEXT NULL,
            status INTEGER NOT NULL,
            start_time INTEGER NOT NULL,
            end_time INTEGER NULL);
        CREATE INDEX IF NOT EXISTS ix_runs_kind_start ON runs(kind, start_time DESC);
        CREATE TABLE IF NOT EXISTS params (
            run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE TABLE IF NOT EXISTS tags (
            run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
        CREATE TABLE IF NOT EXISTS metrics (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL, key TEXT NOT NULL, value REAL NULL, step INTEGER NOT NULL, timestamp INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_metrics_run ON metrics(run_id, id);
        CREATE TABLE IF NOT EXISTS artifacts (
            run_id TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (run_id, path));
        CREATE TABLE IF NOT EXISTS model_versions (
            name TEXT NOT NULL, version INTEGER NOT NULL, source TEXT NOT NULL, run_id TEXT NULL, created INTEGER NOT NULL,
            PRIMARY KEY (name, version));
        CREATE TABLE IF NOT EXISTS model_aliases (
            name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (name, alias));
        CREATE TABLE IF NOT EXISTS model_version_tags (
            name TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (name, version, key));
        CREATE TABLE IF NOT EXISTS run_pushes (
            server TEXT NOT NULL,
            local_run_id TEXT NOT NULL,
            remote_run_id TEXT NOT NULL,
            last_metric_id INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (server, local_run_id));
        CREATE INDEX IF NOT EXISTS ix_run_pushes_remote ON run_pushes(remote_run_id);
        CREATE TABLE IF NOT EXISTS artifact_pushes (
            remote_run_id TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (remote_run_id, path));
        """;

    /// <summary>
    /// Schema version in <c>PRAGMA user_version</c>; 0 is the first layout (pushes keyed by local run only), 3 added
    /// model aliases and version tags (new tables only, created above for older databases too).
    /// </summary>
    internal const int Version = 3;
}
