using System.Globalization;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Registers locally registered model versions on the server. A source inside a run's local artifacts becomes
/// <c>runs:/&lt;remote run&gt;/&lt;path&gt;</c>, which MLflow resolves to the pushed copy; remote URIs are kept as they are.
/// </summary>
internal sealed class LocalModelPusher(LocalTracker local, MlflowClient client)
{
    internal async Task PushAsync(PushResult result, CancellationToken cancellationToken)
    {
        var pending = await local.Store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, """
                    SELECT m.name, m.version, m.source, p.remote_run_id, m.run_id
                    FROM model_versions m
                    LEFT JOIN pushes p ON p.local_run_id = m.run_id
                    WHERE NOT EXISTS (SELECT 1 FROM pushed_models x WHERE x.name = m.name AND x.version = m.version)
                    ORDER BY m.name, m.version
                    """);
                using var reader = cmd.ExecuteReader();
                var list = new List<(string Name, long Version, string Source, string? RemoteRun, string? LocalRun)>();
                while (reader.Read())
                {
                    list.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
                }

                return list;
            },
            cancellationToken).ConfigureAwait(false);

        foreach (var (name, version, source, remoteRun, localRun) in pending)
        {
            var remoteSource = MapSource(source, localRun, remoteRun);
            if (remoteSource is null)
            {
                result.ModelVersionsSkipped++;
                continue;
            }

            try
            {
                await client.Api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = name }, cancellationToken).ConfigureAwait(false);
            }
            catch (MlflowException ex) when (ex.IsAlreadyExists)
            {
                // Further versions of an existing model.
            }

            var created = await client.Api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = name, Source = remoteSource, RunId = remoteRun }, cancellationToken).ConfigureAwait(false);
            var remoteVersion = created.ModelVersion?.Version ?? "";
            await local.Store.WriteAsync(
                (c, tx) => LocalStore.Execute(c, tx, "INSERT OR IGNORE INTO pushed_models(name,version,remote_version) VALUES($n,$v,$r)", ("$n", name), ("$v", version), ("$r", remoteVersion)),
                cancellationToken).ConfigureAwait(false);
            result.ModelVersionsPushed++;
        }
    }

    private string? MapSource(string source, string? localRun, string? remoteRun)
    {
        if (!source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return source;
        }

        if (localRun is null || remoteRun is null)
        {
            return null;
        }

        var runRoot = Path.Combine(local.ArtifactRoot, localRun) + Path.DirectorySeparatorChar;
        var path = new Uri(source).LocalPath;
        if (!path.StartsWith(runRoot, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = path[runRoot.Length..].Replace(Path.DirectorySeparatorChar, '/');
        return string.Create(CultureInfo.InvariantCulture, $"runs:/{remoteRun}/{relative}");
    }
}
