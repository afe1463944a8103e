using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmOps.Deployment;

/// <summary>One smoke request and the answer it must get: <paramref name="Body"/> posted to <paramref name="Route"/>, and
/// the JSON field <paramref name="Field"/> of the answer compared with <paramref name="Expected"/> as <paramref name="Match"/> says.</summary>
/// <param name="Route">The path, e.g. <c>/v1/classify</c>.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Field">The answer's field to check (a dotted path; a number indexes an array: <c>choices.0.message.content</c>).</param>
/// <param name="Expected">The value it must have, contain or match.</param>
/// <param name="Match">How the field is compared.</param>
public sealed record SmokeCase(string Route, string Body, string Field, string Expected, SmokeMatch Match = SmokeMatch.Equals)
{
    /// <summary>The path of OpenAI's chat completions API, which the <c>onnx-chat</c> kind serves.</summary>
    public const string ChatRoute = "/v1/chat/completions";

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A classification: <c>{"text": input}</c> to <c>/v1/classify</c> must answer <c>label</c> = <paramref name="expectedLabel"/>.</summary>
    public static SmokeCase Classify(string input, string expectedLabel) =>
        new("/v1/classify", new JsonObject { ["text"] = input }.ToJsonString(), "label", expectedLabel);

    /// <summary>
    /// A chat prompt: the user message (after <paramref name="system"/>, if any) to <c>/v1/chat/completions</c>, answered
    /// greedily (temperature 0, so the check is repeatable) in at most <paramref name="maxTokens"/> tokens, whose text must
    /// contain or match <paramref name="expected"/>.
    /// </summary>
    public static SmokeCase Chat(string prompt, string expected, SmokeMatch match, string? system = null, int maxTokens = 64)
    {
        var messages = new JsonArray();
        if (system is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = prompt });
        var body = new JsonObject { ["messages"] = messages, ["temperature"] = 0, ["max_tokens"] = maxTokens };
        return new SmokeCase(ChatRoute, body.ToJsonString(), "choices.0.message.content", expected, match);
    }

    /// <summary>Whether <paramref name="actual"/> is the answer this case wants.</summary>
    public bool Accepts(string? actual) => actual is not null && Match switch
    {
        SmokeMatch.Contains => actual.Contains(Expected, StringComparison.OrdinalIgnoreCase),
        SmokeMatch.Regex => System.Text.RegularExpressions.Regex.IsMatch(actual, Expected, RegexOptions.None, RegexTimeout),
        _ => actual == Expected,
    };

    /// <summary>The case, one line, for the plan, the cache key and failure messages.</summary>
    public string Describe() => $"POST {Route} {Body} -> {Field} {Match switch
    {
        SmokeMatch.Contains => "contains",
        SmokeMatch.Regex => "matches",
        _ => "=",
    }} {Expected}";
}
