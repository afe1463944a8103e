using System.Globalization;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Local;

/// <summary>
/// Registers locally registered model versions on the server. A source inside a run's local artifacts becomes
/// <c>runs:/&lt;remote run&gt;/&lt;path&gt;</c>, which MLflow resolves to the pushed copy; remote URIs are kept as they are.
/// A version is already there when the server's model has a version with the same source and run, so the check holds
/// for any server, including one that lost its registry.
/// </summary>
internal sealed class LocalModelPusher(LocalTracker local, MlflowClient client)
{
    internal async Task PushAsync(IReadOnlyDictionary<string, string> remoteRunIds, PushResult result, CancellationToken cancellationToken)
    {
        foreach (var model in (await ReadLocalVersionsAsync(cancellationToken).ConfigureAwait(false)).GroupBy(v => v.Name, StringComparer.Ordinal))
        {
            var wanted = new List<(string Source, string? RunId)>();
            foreach (var (_, source, localRun) in model)
            {
                var remoteRun = localRun is null ? null : remoteRunIds.GetValueOrDefault(localRun);
                if (MapSource(source, localRun, remoteRun) is { } remoteSource)
                {
                    wanted.Add((remoteSource, remoteRun));
                }
                else
                {
                    result.ModelVersionsSkipped++;
                }
            }

            var existing = wanted.Count == 0 ? [] : await RemoteVersionsAsync(model.Key, cancellationToken).ConfigureAwait(false);
            foreach (var (source, runId) in wanted)
            {
                // Each server version accounts for one local version, so two local versions of one source both arrive.
                if (existing.Remove((source, runId ?? "")))
                {
                    continue;
                }

                await EnsureModelAsync(model.Key, cancellationToken).ConfigureAwait(false);
                await client.Api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = model.Key, Source = source, RunId = runId }, cancellationToken).ConfigureAwait(false);
                result.ModelVersionsPushed++;
            }
        }
    }

    private Task<List<(string Name, string Source, string? RunId)>> ReadLocalVersionsAsync(CancellationToken cancellationToken) =>
        local.Store.ReadAsync(
            c =>
            {
                using var cmd = LocalStore.Command(c, null, "SELECT name, source, run_id FROM model_versions ORDER BY name, version");
                using var reader = cmd.ExecuteReader();
                var list = new List<(string, string, string?)>();
                while (reader.Read())
                {
                    list.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                }

                return list;
            },
            cancellationToken);

    private async Task<List<(string Source, string RunId)>> RemoteVersionsAsync(string name, CancellationToken cancellationToken) =>
        (await client.ListModelVersionsAsync(name, cancellationToken).ConfigureAwait(false)).Select(v => (v.Source ?? "", v.RunId ?? "")).ToList();

    private async Task EnsureModelAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.Api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = name }, cancellationToken).ConfigureAwait(false);
        }
        catch (MlflowException ex) when (ex.IsAlreadyExists)
        {
            // Further versions of an existing model.
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
