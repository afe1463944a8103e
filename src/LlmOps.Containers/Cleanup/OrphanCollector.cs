using Docker.DotNet;
using Docker.DotNet.Models;
using LlmOps.Containers.Running;

namespace LlmOps.Containers.Cleanup;

/// <summary>
/// Finds and removes containers (label <c>llmops.managed=true</c>) left behind by runs that are no longer alive.
/// A container is removed when its run ID differs from the current one and either
/// (a) its owner process (host + PID + start time labels) ran on this host and is gone, or
/// (b) it is not running (a finished or crashed run's leftover, from any host), except a container of another
/// host that was created less than <see cref="CreatedGrace"/> ago: its pipeline may be about to start it.
/// Running containers owned by a live process, or by a process on another host (which cannot be checked
/// from here), are left alone, so two pipelines sharing one engine never kill each other's stages. A collector sees
/// only the containers of its scope (<see cref="ContainerLabels.Scope"/>; none for ordinary runs), and two collectors
/// racing for the same orphan both end well.
/// </summary>
public sealed class OrphanCollector
{
    /// <summary>How long a created, never started container of another host is left to its owner.</summary>
    public static readonly TimeSpan CreatedGrace = TimeSpan.FromMinutes(10);

    private readonly IDockerClient _client;
    private readonly string? _scope;

    internal OrphanCollector(IDockerClient client, string? scope = null) => (_client, _scope) = (client, scope);

    /// <summary>Removes orphans and returns their container names.</summary>
    public async Task<IReadOnlyList<string>> RemoveAsync(string currentRunId, CancellationToken cancellationToken = default)
    {
        var containers = await _client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Managed}=true"] = true },
                },
            },
            cancellationToken).ConfigureAwait(false);

        var removed = new List<string>();
        foreach (var container in containers.Where(c => ScopeOf(c) == _scope && IsOrphan(c, currentRunId)))
        {
            try
            {
                await _client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken)
                    .ConfigureAwait(false);
                removed.Add(container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID);
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed concurrently (its own run finished, or another cleanup got there first).
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // "removal of container ... is already in progress": another cleanup is removing it right now.
            }
        }

        return removed;
    }

    private static string? ScopeOf(ContainerListResponse container) =>
        container.Labels is not null && container.Labels.TryGetValue(ContainerLabels.Scope, out var scope) ? scope : null;

    internal static bool IsOrphan(ContainerListResponse container, string currentRunId) => IsOrphan(container, currentRunId, DateTime.UtcNow);

    internal static bool IsOrphan(ContainerListResponse container, string currentRunId, DateTime utcNow)
    {
        var labels = container.Labels;
        if (labels is not null && labels.TryGetValue(ContainerLabels.RunId, out var runId) && runId == currentRunId)
        {
            return false;
        }

        var running = string.Equals(container.State, "running", StringComparison.OrdinalIgnoreCase)
            || string.Equals(container.State, "restarting", StringComparison.OrdinalIgnoreCase)
            || string.Equals(container.State, "paused", StringComparison.OrdinalIgnoreCase);
        var owner = OwnerProcess.FromLabels(labels);
        if (owner is not null && owner.IsOnThisHost)
        {
            return !owner.IsAlive();
        }

        var created = string.Equals(container.State, "created", StringComparison.OrdinalIgnoreCase);
        if (created && utcNow - ToUtc(container.Created) < CreatedGrace)
        {
            return false;
        }

        return !running;
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
