using System.Globalization;
using LlmOps.Tracking.Registry;
using Microsoft.Data.Sqlite;

namespace LlmOps.Tracking.Local;

/// <summary>
/// The local tracker's model registry: aliases and version tags in the same SQLite store as its model versions,
/// answering like an MLflow server does (an alias or tag needs an existing version; an unset alias reads as none).
/// </summary>
internal sealed class LocalRegistryBackend(LocalStore store) : IRegistryBackend
{
    public Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken) =>
        store.WriteAsync(
            (c, tx) =>
            {
                var number = ExistingVersion(c, tx, modelName, version);
                LocalStore.Execute(c, tx, "INSERT INTO model_aliases(name,alias,version) VALUES($n,$a,$v) ON CONFLICT(name,alias) DO UPDATE SET version=excluded.version", ("$n", modelName), ("$a", alias), ("$v", number));
            },
            cancellationToken);

    public Task<string?> GetAliasAsync(string modelName, string alias, CancellationToken cancellationToken) =>
        store.ReadAsync(
            c =>
            {
                if (!ModelExists(c, modelName))
                {
                    throw new InvalidOperationException($"The local tracker has no registered model '{modelName}'.");
                }

                using var read = LocalStore.Command(c, null, "SELECT version FROM model_aliases WHERE name=$n AND alias=$a", ("$n", modelName), ("$a", alias));
                return read.ExecuteScalar() is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
            },
            cancellationToken);

    public Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken) =>
        store.WriteAsync((c, tx) => LocalStore.Execute(c, tx, "DELETE FROM model_aliases WHERE name=$n AND alias=$a", ("$n", modelName), ("$a", alias)), cancellationToken);

    public Task SetVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken) =>
        store.WriteAsync(
            (c, tx) =>
            {
                var number = ExistingVersion(c, tx, modelName, version);
                LocalStore.Execute(c, tx, "INSERT INTO model_version_tags(name,version,key,value) VALUES($n,$v,$k,$x) ON CONFLICT(name,version,key) DO UPDATE SET value=excluded.value", ("$n", modelName), ("$v", number), ("$k", key), ("$x", value));
            },
            cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetVersionTagsAsync(string modelName, string version, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyDictionary<string, string>>(
            c =>
            {
                var number = ExistingVersion(c, null, modelName, version);
                using var read = LocalStore.Command(c, null, "SELECT key, value FROM model_version_tags WHERE name=$n AND version=$v ORDER BY key", ("$n", modelName), ("$v", number));
                using var reader = read.ExecuteReader();
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    tags[reader.GetString(0)] = reader.GetString(1);
                }

                return tags;
            },
            cancellationToken);

    public async Task DownloadVersionAsync(string modelName, string version, string directory, CancellationToken cancellationToken)
    {
        var source = await store.ReadAsync(
            c =>
            {
                var number = ExistingVersion(c, null, modelName, version);
                using var read = LocalStore.Command(c, null, "SELECT source FROM model_versions WHERE name=$n AND version=$v", ("$n", modelName), ("$v", number));
                return read.ExecuteScalar() as string;
            },
            cancellationToken).ConfigureAwait(false);

        // The local tracker registers the file URI of the artifacts it copied; anything else came from elsewhere.
        if (source is null || !Uri.TryCreate(source, UriKind.Absolute, out var uri) || !uri.IsFile || !Directory.Exists(uri.LocalPath))
        {
            throw new InvalidOperationException($"The files of version {version} of model '{modelName}' are not in the local tracker (source '{source}').");
        }

        foreach (var file in Directory.EnumerateFiles(uri.LocalPath, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Combine(directory, Path.GetRelativePath(uri.LocalPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public Task<IReadOnlyList<RegisteredVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<RegisteredVersion>>(
            c =>
            {
                using var read = LocalStore.Command(c, null, "SELECT version, run_id FROM model_versions WHERE name=$n ORDER BY version", ("$n", modelName));
                using var reader = read.ExecuteReader();
                var versions = new List<RegisteredVersion>();
                while (reader.Read())
                {
                    versions.Add(new RegisteredVersion(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetString(1)));
                }

                return versions;
            },
            cancellationToken);

    private static bool ModelExists(SqliteConnection c, string modelName)
    {
        using var read = LocalStore.Command(c, null, "SELECT 1 FROM model_versions WHERE name=$n LIMIT 1", ("$n", modelName));
        return read.ExecuteScalar() is not null;
    }

    private static long ExistingVersion(SqliteConnection c, SqliteTransaction? tx, string modelName, string version)
    {
        var number = long.Parse(version, NumberStyles.None, CultureInfo.InvariantCulture);
        using var read = LocalStore.Command(c, tx, "SELECT 1 FROM model_versions WHERE name=$n AND version=$v", ("$n", modelName), ("$v", number));
        return read.ExecuteScalar() is not null
            ? number
            : throw new InvalidOperationException($"The local tracker has no version {version} of model '{modelName}'.");
    }
}
