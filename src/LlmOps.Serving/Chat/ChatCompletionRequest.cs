using System.Globalization;
using System.Text.Json;
using LlmOps.OnnxChat;

namespace LlmOps.Serving.Chat;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c> in OpenAI's shape, read field by field so that a wrong one is refused
/// with a message naming it (<c>temperature: must be a number from 0 to 2</c>) rather than a serializer's type error.
/// Fields this server has no use for (<c>model</c>, <c>user</c>, <c>logprobs</c>: false, ...) are accepted and ignored.
/// </summary>
/// <param name="Messages">The conversation.</param>
/// <param name="Settings">Sampling and limits.</param>
/// <param name="Stream">Answer as server-sent events.</param>
/// <param name="IncludeUsage">With <see cref="Stream"/>: a last chunk with the token counts (<c>stream_options.include_usage</c>).</param>
internal sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, ChatSettings Settings, bool Stream, bool IncludeUsage)
{
    private const int MaxStops = 4;

    /// <summary>Reads the request.</summary>
    /// <exception cref="RequestError">The body is not JSON or a field is missing or wrong.</exception>
    public static ChatCompletionRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestError("the body must be a JSON object with 'messages'", null);
        }

        var messages = ReadMessages(root);
        var temperature = Number(root, "temperature", 0, 2) ?? 1;
        var topP = Number(root, "top_p", 0, 1) ?? 1;
        if (root.TryGetProperty("top_p", out _) && topP == 0)
        {
            throw new RequestError("top_p: must be greater than 0 and at most 1", "top_p");
        }

        var maxTokens = Integer(root, "max_completion_tokens", 1) ?? Integer(root, "max_tokens", 1) ?? int.MaxValue;
        var seed = Seed(root);
        if (Integer(root, "n", 1) is > 1)
        {
            throw new RequestError("n: this server answers with one choice; use n = 1", "n");
        }

        var stream = Boolean(root, "stream") ?? false;
        var includeUsage = false;
        if (root.TryGetProperty("stream_options", out var options) && options.ValueKind != JsonValueKind.Null)
        {
            includeUsage = options.ValueKind == JsonValueKind.Object
                ? Boolean(options, "include_usage", "stream_options.include_usage") ?? false
                : throw new RequestError("stream_options: must be an object such as {\"include_usage\": true}", "stream_options");
        }

        return new ChatCompletionRequest(messages, new ChatSettings(maxTokens, temperature, topP, seed, Stops(root)), stream, includeUsage);
    }

    private static List<ChatMessage> ReadMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new RequestError("messages: required, a non-empty array of {\"role\", \"content\"} objects", "messages");
        }

        var list = new List<ChatMessage>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var at = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new RequestError($"{at}: must be an object with 'role' and 'content'", at);
            }

            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new RequestError($"{at}.role: required, a string", $"{at}.role");
            if (role == "developer")
            {
                role = "system"; // OpenAI's newer name for the system message
            }

            if (!ChatMessage.Roles.Contains(role))
            {
                throw new RequestError($"{at}.role: '{role}' is not a role this model was trained with ({string.Join(", ", ChatMessage.Roles)})", $"{at}.role");
            }

            list.Add(new ChatMessage(role, Content(message, at)));
        }

        return list;
    }

    // A content is a string or, as newer clients send it, an array of parts of which only text parts are served.
    private static string Content(JsonElement message, string at)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            throw new RequestError($"{at}.content: required, a string", $"{at}.content");
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new List<string>();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.GetString() != "text"
                        || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
                    {
                        throw new RequestError($"{at}.content: only text parts ({{\"type\": \"text\", \"text\": \"...\"}}) are served by this model", $"{at}.content");
                    }

                    text.Add(value.GetString()!);
                }

                return string.Concat(text);
            default:
                throw new RequestError($"{at}.content: must be a string", $"{at}.content");
        }
    }

    private static List<string>? Stops(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return [stop.GetString()!];
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.GetArrayLength() > MaxStops || stop.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            throw new RequestError($"stop: must be a string or an array of at most {MaxStops} strings", "stop");
        }

        return [.. stop.EnumerateArray().Select(s => s.GetString()!)];
    }

    private static double? Number(JsonElement root, string name, double min, double max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max
            ? number
            : throw new RequestError(string.Create(CultureInfo.InvariantCulture, $"{name}: must be a number from {min} to {max}, got {value.GetRawText()}"), name);
    }

    private static int? Integer(JsonElement root, string name, int min)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min
            ? number
            : throw new RequestError(string.Create(CultureInfo.InvariantCulture, $"{name}: must be an integer of at least {min}, got {value.GetRawText()}"), name);
    }

    // OpenAI's seed is a 64-bit integer; the sampler's generator takes 32 bits, so both halves are folded in.
    private static int? Seed(JsonElement root)
    {
        if (!root.TryGetProperty("seed", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seed)
            ? (int)(seed ^ (seed >> 32))
            : throw new RequestError($"seed: must be an integer, got {value.GetRawText()}", "seed");
    }

    private static bool? Boolean(JsonElement root, string name, string? param = null)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new RequestError($"{param ?? name}: must be true or false, got {value.GetRawText()}", param ?? name);
    }
}
