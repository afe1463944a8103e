using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Connection handling of the local SQLite database: WAL so readers never block the writer, a busy timeout so
/// two stages writing at once wait instead of failing, and every write in one IMMEDIATE transaction so a crash
/// leaves either all or nothing of it.
/// </summary>
internal sealed class LocalStore
{
    private const int BusyTimeoutMs = 30_000;
    private readonly string _connectionString;

    internal LocalStore(string databasePath)
    {
        DatabasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = BusyTimeoutMs / 1000,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, LocalSchema.Create);
        LocalSchemaMigration.Run(connection);
    }

    internal string DatabasePath { get; }

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, $"PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        return connection;
    }

    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite is synchronous underneath; a thread-pool hop keeps a waiting writer off the caller's thread.
        return await Task.Run(
            () =>
            {
                using var connection = Open();
                using var tx = connection.BeginTransaction(deferred: false);
                var result = work(connection, tx);
                tx.Commit();
                return result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(
            (c, t) =>
            {
                work(c, t);
                return true;
            },
            cancellationToken);

    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        return await Task.Run(
            () =>
            {
                using var connection = Open();
                return work(connection);
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
