using System.Text.Json.Nodes;

namespace LlmOps.Deployment;

/// <summary>One smoke request and the answer it must get: <paramref name="Body"/> posted to <paramref name="Route"/>, and
/// the JSON field <paramref name="Field"/> of the answer equal to <paramref name="Expected"/>.</summary>
/// <param name="Route">The path, e.g. <c>/v1/classify</c>.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Field">The answer's field to check (a dotted path for nested fields).</param>
/// <param name="Expected">The value it must have.</param>
public sealed record SmokeCase(string Route, string Body, string Field, string Expected)
{
    /// <summary>A classification: <c>{"text": input}</c> to <c>/v1/classify</c> must answer <c>label</c> = <paramref name="expectedLabel"/>.</summary>
    public static SmokeCase Classify(string input, string expectedLabel) =>
        new("/v1/classify", new JsonObject { ["text"] = input }.ToJsonString(), "label", expectedLabel);

    /// <summary>The case, one line, for the plan, the cache key and failure messages.</summary>
    public string Describe() => $"POST {Route} {Body} -> {Field} = {Expected}";
}
