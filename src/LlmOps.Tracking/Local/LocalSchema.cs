namespace LlmOps.Tracking.Local;

/// <summary>SQLite schema of the local tracker. Metric values are nullable because SQLite stores NaN as NULL.</summary>
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
        CREATE TABLE IF NOT EXISTS pushes (
            local_run_id TEXT PRIMARY KEY,
            remote_run_id TEXT NOT NULL,
            last_metric_id INTEGER NOT NULL DEFAULT 0,
            ended INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS pushed_artifacts (
            local_run_id TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (local_run_id, path));
        CREATE TABLE IF NOT EXISTS pushed_models (
            name TEXT NOT NULL, version INTEGER NOT NULL, remote_version TEXT NOT NULL, PRIMARY KEY (name, version));
        """;
}
