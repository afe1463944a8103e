using System.Text.Json;

namespace LlmOps.Runtime;

/// <summary>
/// The annotations of a run on an orchestrator that starts stages as pods (an Argo Workflow), handed to a stage as a
/// JSON object in <see cref="Variable"/>. An approval given at the orchestrator (<c>./build.sh Resume</c>) is written
/// there, and this is how it reaches the stage that records it, as a CI host's variables name the approving actor.
/// </summary>
public static class RunAnnotations
{
    /// <summary>The variable holding the run's annotations as a JSON object.</summary>
    public const string Variable = "LLMOPS_RUN_ANNOTATIONS";

    /// <summary>Who approved the run's deployment.</summary>
    public const string ApprovedBy = "llmops.dev/approved-by";

    /// <summary>When the run's deployment was approved (ISO 8601, UTC).</summary>
    public const string ApprovedAt = "llmops.dev/approved-at";

    /// <summary>The annotations the run's variables carry, or null when there are none (not such a run, or not a JSON object of strings).</summary>
    public static IReadOnlyDictionary<string, string>? Of(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(Variable) is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
