using Docker.DotNet.Models;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Running;

namespace LlmOps.Containers.Tests.Infrastructure;

public static class Managed
{
    /// <summary>All containers (any state) carrying the given run ID.</summary>
    public static async Task<IList<ContainerListResponse>> ContainersOfRunAsync(DockerEngine engine, string runId) =>
        await engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.RunId}={runId}"] = true },
                },
            },
            CancellationToken.None);

    public static string NewRunId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
