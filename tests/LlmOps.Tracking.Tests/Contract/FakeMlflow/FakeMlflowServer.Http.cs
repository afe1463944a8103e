using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>Transport behaviour of the real server: routing, content-type check, HTML 404/405, JSON encoding.</summary>
public sealed partial class FakeMlflowServer
{
    private static readonly JsonSerializerOptions WireJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    // Python's json.dumps leaves quotes as they are ('name', not \u0027name\u0027), and clients may match on the text.
    private static readonly JsonSerializerOptions ErrorJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Prefixes = ["/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"];

    private async Task DispatchAsync(HttpContext ctx, string path)
    {
        var method = ctx.Request.Method;
        if (Version == MlflowServerVersion.V3_6 && !IsAllowedHost(ctx.Request.Host.Host))
        {
            ctx.Response.StatusCode = 403;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync("Invalid Host header - possible DNS rebinding attack detected");
            return;
        }

        if (path == "/health")
        {
            await WriteTextAsync(ctx, 200, "OK");
            return;
        }

        if (path == "/version")
        {
            await WriteTextAsync(ctx, 200, Version switch { MlflowServerVersion.V2_10_2 => "2.10.2", MlflowServerVersion.V2_17_2 => "2.17.2", _ => "3.6.1.dev0" });
            return;
        }

        if (path.StartsWith("/api/2.0/mlflow-artifacts/artifacts", StringComparison.Ordinal))
        {
            await HandleArtifactsAsync(ctx, path["/api/2.0/mlflow-artifacts/artifacts".Length..]);
            return;
        }

        var prefix = Prefixes.FirstOrDefault(p => path.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null || !Routes.TryGetValue(path[prefix.Length..], out var route))
        {
            await WriteHtmlAsync(ctx, 404, "404 Not Found", "Not Found", "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.");
            return;
        }

        if (!route.Methods.Contains(method))
        {
            await WriteHtmlAsync(ctx, 405, "405 Method Not Allowed", "Method Not Allowed", "The method is not allowed for the requested URL.");
            return;
        }

        if (method is "POST" or "PUT")
        {
            var type = ctx.Request.ContentType?.Split(';')[0].Trim();
            if (!string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                throw FakeError.Invalid("Bad Request. Content-Type must be one of ['application/json']");
            }
        }

        var request = method == "GET" ? QueryAsJson(ctx.Request.Query) : await ReadJsonAsync(ctx, Version);
        request["__" + method.ToLowerInvariant()] = true;
        object response;
        lock (Store.Gate)
        {
            response = route.Handler(request);
        }

        await WriteJsonAsync(ctx, 200, response);
    }

    private Dictionary<string, (string[] Methods, Func<JsonObject, object> Handler)> Routes => _routes ??= BuildRoutes();

    private Dictionary<string, (string[] Methods, Func<JsonObject, object> Handler)>? _routes;

    private Dictionary<string, (string[] Methods, Func<JsonObject, object> Handler)> BuildRoutes() => new(StringComparer.Ordinal)
    {
        ["experiments/create"] = (["POST"], CreateExperiment),
        ["experiments/get"] = (["GET"], GetExperiment),
        ["experiments/get-by-name"] = (["GET"], GetExperimentByName),
        ["experiments/search"] = (["GET", "POST"], SearchExperiments),
        ["runs/create"] = (["POST"], CreateRun),
        ["runs/get"] = (["GET"], GetRun),
        ["runs/update"] = (["POST"], UpdateRun),
        ["runs/delete"] = (["POST"], DeleteRun),
        ["runs/restore"] = (["POST"], RestoreRun),
        ["runs/search"] = (["POST"], SearchRuns),
        ["runs/log-metric"] = (["POST"], LogMetric),
        ["runs/log-parameter"] = (["POST"], LogParam),
        ["runs/set-tag"] = (["POST"], SetTag),
        ["runs/log-batch"] = (["POST"], LogBatch),
        ["metrics/get-history"] = (["GET"], GetHistory),
        ["registered-models/create"] = (["POST"], CreateModel),
        ["registered-models/get"] = (["GET"], GetModel),
        ["registered-models/search"] = (["GET"], SearchModels),
        ["registered-models/update"] = (["PATCH"], UpdateModel),
        ["registered-models/alias"] = (["POST", "GET", "DELETE"], Alias),
        ["model-versions/create"] = (["POST"], CreateVersion),
        ["model-versions/get"] = (["GET"], GetVersion),
        ["model-versions/search"] = (["GET"], SearchVersions),
        ["model-versions/update"] = (["PATCH"], UpdateVersion),
        ["model-versions/set-tag"] = (["POST"], SetVersionTag),
        ["model-versions/delete-tag"] = (["DELETE"], DeleteVersionTag),
    };

    private static bool IsAllowedHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" || host.StartsWith("10.", StringComparison.Ordinal) || host.StartsWith("192.168.", StringComparison.Ordinal);

    private static JsonObject QueryAsJson(IQueryCollection query)
    {
        var obj = new JsonObject();
        foreach (var (key, values) in query)
        {
            obj[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            obj["__multi_" + key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return obj;
    }

    private async Task<JsonObject> ReadJsonAsync(HttpContext ctx, MlflowServerVersion version)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (IsChunked(ctx.Request))
        {
            Interlocked.Increment(ref _chunkedJsonRequests);

            // MLflow 3.x serves Flask behind uvicorn (PR #17038), where a chunked body without Content-Length reaches
            // Flask as empty (NOTES.md 0.13); 2.x's gunicorn reads it. The handlers then fail as on the real server.
            if (version == MlflowServerVersion.V3_6)
            {
                text = "";
            }
        }

        try
        {
            // Like Flask's get_json(silent=True): a malformed or empty body counts as {}.
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool IsChunked(HttpRequest request) =>
        request.ContentLength is null && request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteJsonAsync(HttpContext ctx, int status, object body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(body, body.GetType(), WireJson));
    }

    private static async Task WriteErrorAsync(HttpContext ctx, int status, string code, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["error_code"] = code, ["message"] = message }, ErrorJson));
    }

    private static async Task WriteTextAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        await ctx.Response.WriteAsync(text);
    }

    private static async Task WriteHtmlAsync(HttpContext ctx, int status, string title, string h1, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync($"<!doctype html>\n<html lang=en>\n<title>{title}</title>\n<h1>{h1}</h1>\n<p>{text}</p>\n");
    }

    private static string Req(JsonObject o, string name) =>
        Str(o, name) is { Length: > 0 } v ? v : throw FakeError.Missing(name);

    private static string? Str(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        var other => other.ToJsonString(),
    };

    private static long? Long(JsonObject o, string name) =>
        Str(o, name) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : null;

    private static double ParseDouble(JsonNode node)
    {
        if (node is JsonValue v && v.TryGetValue<double>(out var d))
        {
            return d;
        }

        var s = node.GetValue<string>();
        return s switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.Parse(s, CultureInfo.InvariantCulture),
        };
    }

    private static List<string> Multi(JsonObject o, string name) =>
        o["__multi_" + name] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList()
        : o[name] is JsonArray b ? b.Select(n => n!.GetValue<string>()).ToList()
        : Str(o, name) is { } s ? [s] : [];

    private static string PageToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));

    private static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!;
        return json["offset"]!.GetValue<int>();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
