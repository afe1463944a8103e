using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Deployment;

/// <summary>
/// Polls a KServe InferenceService until KServe reports it Ready for its newest spec (status.observedGeneration equal to
/// metadata.generation, condition Ready=True) or the time runs out; KServe keeps the previous revision serving meanwhile.
/// </summary>
internal sealed class InferenceServiceReadiness(string ns, string name, Func<string, CancellationToken, Task<object>> read)
{
    public async Task<RolloutResult> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        var last = "no status was reported";
        while (DateTimeOffset.UtcNow < deadline)
        {
            var live = await read(name, cancellationToken).ConfigureAwait(false);
            var node = JsonNode.Parse(live is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(live));
            var generation = (long?)node?["metadata"]?["generation"] ?? 0;
            var observed = (long?)node?["status"]?["observedGeneration"] ?? -1;
            var ready = (node?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
            last = observed < generation
                ? "KServe has not yet seen the new spec"
                : $"Ready={(string?)ready?["status"] ?? "unknown"}{((string?)ready?["message"] is { } message ? ": " + message : "")}";
            if (observed >= generation && (string?)ready?["status"] == "True")
            {
                return new RolloutResult(true, $"InferenceService {ns}/{name} is Ready");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        return new RolloutResult(false, string.Create(CultureInfo.InvariantCulture, $"not ready within {limit.TotalSeconds:0} s: {last}"));
    }
}
