using System.Text.Json.Nodes;
using LlmOps.OnnxChat;

namespace LlmOps.Serving.Chat;

/// <summary>The answers of <c>/v1/chat/completions</c> in OpenAI's shape: a completion, or the chunks of a stream.</summary>
internal sealed class ChatCompletionJson(string model)
{
    private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public JsonObject Completion(ChatAnswer answer) => Envelope("chat.completion", new JsonArray(new JsonObject
    {
        ["index"] = 0,
        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer.Text, ["refusal"] = null },
        ["logprobs"] = null,
        ["finish_reason"] = Reason(answer.Finish),
    }), Usage(answer.PromptTokens, answer.CompletionTokens));

    /// <summary>A chunk with new text (the first one also names the role), or the last one with the finish reason.</summary>
    public JsonObject Chunk(string? role, string? text, FinishReason? finish, bool withUsageField)
    {
        var delta = new JsonObject();
        if (role is not null)
        {
            delta["role"] = role;
        }

        if (text is not null)
        {
            delta["content"] = text;
        }

        var chunk = Envelope("chat.completion.chunk", new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finish is { } f ? Reason(f) : null,
        }), null);
        if (!withUsageField)
        {
            chunk.Remove("usage");
        }

        return chunk;
    }

    /// <summary>The chunk <c>stream_options.include_usage</c> asks for: no choices, the token counts.</summary>
    public JsonObject UsageChunk(int promptTokens, int completionTokens) =>
        Envelope("chat.completion.chunk", [], Usage(promptTokens, completionTokens));

    private static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };

    private static string Reason(FinishReason finish) => finish == FinishReason.Length ? "length" : "stop";

    private JsonObject Envelope(string kind, JsonArray choices, JsonObject? usage) => new()
    {
        ["id"] = _id,
        ["object"] = kind,
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = choices,
        ["usage"] = usage,
    };
}
