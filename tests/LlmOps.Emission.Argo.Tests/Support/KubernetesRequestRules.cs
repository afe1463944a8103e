using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>
/// What the fake refuses before it answers. Where the real API server refuses, the fake answers with the same Status
/// (apimachinery's option validation: <c>ValidateCreateOptions</c>/<c>ValidatePatchOptions</c>, 422 Invalid on the
/// options' kind, one cause per field). Where the real server is lenient in a way that would hide a client bug (it
/// ignores query parameters it does not know, so a misspelt <c>dryRun</c> would silently create), the fake refuses
/// with 400 and a message that says it is the fake.
/// </summary>
public static class KubernetesRequestRules
{
    // Quotes as the API server (Go's encoding/json) writes them, \" rather than \u0022.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["create"] = ["dryRun", "fieldManager", "fieldValidation", "pretty"],
        ["patch"] = ["dryRun", "fieldManager", "fieldValidation", "force", "pretty"],
        ["get"] = ["pretty", "resourceVersion"],
        ["list"] = ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "pretty", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"],
        ["log"] = ["container", "follow", "insecureSkipTLSVerifyBackend", "limitBytes", "pretty", "previous", "sinceSeconds", "sinceTime", "stream", "tailLines", "timestamps"],
    };

    /// <summary>The Status (code, body) that refuses the request, or null when it may be answered.</summary>
    public static (int Code, string Body)? Refusal(string verb, IReadOnlyDictionary<string, string> query, string contentType)
    {
        var unknown = query.Keys.FirstOrDefault(k => !Known[verb].Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            return Status(400, "BadRequest", $"fake API server: unknown query parameter '{unknown}' on a {verb} request (the real server ignores it silently; known: {string.Join(", ", Known[verb])})");
        }

        if (verb is not ("create" or "patch"))
        {
            return null;
        }

        var kind = verb == "create" ? "CreateOptions" : "PatchOptions";
        var apply = contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal);
        var causes = new List<(string Reason, string Field, string Message)>();
        if (query.TryGetValue("dryRun", out var dryRun) && dryRun != "All")
        {
            causes.Add(("FieldValueNotSupported", "dryRun", $"Unsupported value: []string{{\"{dryRun}\"}}: supported values: \"All\""));
        }

        if (query.TryGetValue("fieldValidation", out var validation) && validation is not ("" or "Ignore" or "Warn" or "Strict"))
        {
            causes.Add(("FieldValueNotSupported", "fieldValidation", $"Unsupported value: \"{validation}\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\""));
        }

        if (apply && string.IsNullOrEmpty(query.GetValueOrDefault("fieldManager")))
        {
            causes.Add(("FieldValueRequired", "fieldManager", "Required value: is required for apply patch"));
        }

        if (verb == "patch" && !apply && query.ContainsKey("force"))
        {
            causes.Add(("FieldValueForbidden", "force", "Forbidden: may not be specified for non-apply patch"));
        }

        return causes.Count == 0 ? null : (422, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = $"{kind}.meta.k8s.io \"\" is invalid: {string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"))}",
            ["reason"] = "Invalid",
            ["details"] = new JsonObject
            {
                ["group"] = "meta.k8s.io",
                ["kind"] = kind,
                ["causes"] = new JsonArray([.. causes.Select(c => new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field })]),
            },
            ["code"] = 422,
        }.ToJsonString(Json));
    }

    public static (int Code, string Body) Status(int code, string reason, string message) =>
        (code, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code }.ToJsonString(Json));
}
