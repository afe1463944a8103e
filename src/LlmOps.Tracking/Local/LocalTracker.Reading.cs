using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Local;

/// <summary>Read side of the local tracker: listings for the Runs command and full run data for pushing.</summary>
public sealed partial class LocalTracker
{
    /// <inheritdoc />
    public Task<IReadOnlyList<RunSummary>> ListRecentRunsAsync(int maxResults = 20, CancellationToken cancellationToken = default) =>
        Store.ReadAsync<IReadOnlyList<RunSummary>>(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT run_id FROM runs WHERE kind=$k ORDER BY start_time DESC, rowid DESC LIMIT $n", ("$k", TrackerTags.PipelineKind), ("$n", Math.Max(1, maxResults)));
                var ids = ReadStrings(cmd);
                return ids.Select(id => ReadRun(c, id)!).Select(r => r.ToSummary()).ToList();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<RunHandle?> FindRunAsync(IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        if (tags.Count == 0)
        {
            throw new ArgumentException("At least one tag is needed to find a run.", nameof(tags));
        }

        var conditions = tags.Select((_, i) => $"EXISTS(SELECT 1 FROM tags t WHERE t.run_id=r.run_id AND t.key=$k{i} AND t.value=$v{i})");
        var parameters = tags.SelectMany((t, i) => new (string, object?)[] { ($"$k{i}", t.Key), ($"$v{i}", t.Value) }).ToArray();
        var sql = $"SELECT run_id,parent_run_id FROM runs r WHERE {string.Join(" AND ", conditions)} ORDER BY start_time DESC, rowid DESC LIMIT 1";
        return Store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, sql, parameters);
                using var reader = cmd.ExecuteReader();
                return reader.Read() ? Handle(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
            },
            cancellationToken);
    }

    /// <summary>All runs (pipeline runs before their stages), for pushing.</summary>
    internal Task<IReadOnlyList<LocalRun>> ListAllRunsAsync(CancellationToken cancellationToken) =>
        Store.ReadAsync<IReadOnlyList<LocalRun>>(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT run_id FROM runs ORDER BY CASE WHEN parent_run_id IS NULL THEN 0 ELSE 1 END, start_time, rowid");
                return ReadStrings(cmd).Select(id => ReadRun(c, id)!).ToList();
            },
            cancellationToken);

    /// <summary>Reads one run, or null.</summary>
    internal Task<LocalRun?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        Store.ReadAsync(c => ReadRun(c, runId), cancellationToken);

    /// <summary>Metric points of a run with row id above <paramref name="afterId"/>, in logging order.</summary>
    internal Task<IReadOnlyList<(long Id, MetricPoint Point)>> ReadMetricsAsync(string runId, long afterId, int limit, CancellationToken cancellationToken) =>
        Store.ReadAsync<IReadOnlyList<(long, MetricPoint)>>(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT id,key,value,step,timestamp FROM metrics WHERE run_id=$r AND id>$a ORDER BY id LIMIT $n", ("$r", runId), ("$a", afterId), ("$n", limit));
                using var reader = cmd.ExecuteReader();
                var list = new List<(long, MetricPoint)>();
                while (reader.Read())
                {
                    var value = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
                    list.Add((reader.GetInt64(0), new MetricPoint(reader.GetString(1), value, reader.GetInt64(3), reader.GetInt64(4))));
                }

                return list;
            },
            cancellationToken);

    /// <summary>Full metric history of one key, in logging order.</summary>
    public Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default) =>
        Store.ReadAsync<IReadOnlyList<MetricPoint>>(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT value,step,timestamp FROM metrics WHERE run_id=$r AND key=$k ORDER BY id", ("$r", runId), ("$k", key));
                using var reader = cmd.ExecuteReader();
                var list = new List<MetricPoint>();
                while (reader.Read())
                {
                    list.Add(new MetricPoint(key, reader.IsDBNull(0) ? double.NaN : reader.GetDouble(0), reader.GetInt64(1), reader.GetInt64(2)));
                }

                return list;
            },
            cancellationToken);

    private static LocalRun? ReadRun(SqliteConnection c, string runId)
    {
        using var cmd = LocalStore.Command(c, null, "SELECT name,kind,parent_run_id,status,start_time,end_time FROM runs WHERE run_id=$r", ("$r", runId));
        using var reader = cmd.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var run = new LocalRun(
            runId,
            reader.GetString(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            (RunStatus)reader.GetInt32(3),
            reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5),
            ReadPairs(c, "SELECT key,value FROM params WHERE run_id=$r ORDER BY key", runId),
            ReadPairs(c, "SELECT key,value FROM tags WHERE run_id=$r ORDER BY key", runId),
            ReadLatest(c, runId),
            ReadPairs(c, "SELECT path,size FROM artifacts WHERE run_id=$r ORDER BY path", runId).Keys.ToList());
        return run;
    }

    private static Dictionary<string, string> ReadPairs(SqliteConnection c, string sql, string runId)
    {
        using var cmd = LocalStore.Command(c, null, sql, ("$r", runId));
        using var reader = cmd.ExecuteReader();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            map[reader.GetString(0)] = Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return map;
    }

    private static Dictionary<string, double> ReadLatest(SqliteConnection c, string runId)
    {
        // Same rule as MLflow's "latest" value: highest (step, timestamp), ties broken by logging order.
        using var cmd = LocalStore.Command(c, null, "SELECT key,value FROM metrics WHERE run_id=$r ORDER BY key, step, timestamp, id", ("$r", runId));
        using var reader = cmd.ExecuteReader();
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read())
        {
            map[reader.GetString(0)] = reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1);
        }

        return map;
    }

    private static List<string> ReadStrings(SqliteCommand cmd)
    {
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
