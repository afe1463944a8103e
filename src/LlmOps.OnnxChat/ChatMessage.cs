using System.Text.Json;

namespace LlmOps.OnnxChat;

/// <summary>One message of a conversation, as the trainer's chat data and OpenAI's API write it.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Content">The text.</param>
public sealed record ChatMessage(string Role, string Content)
{
    /// <summary>The roles the chat format has a marker for (llmops_sft/chat.py).</summary>
    public static IReadOnlyList<string> Roles { get; } = ["system", "user", "assistant"];

    /// <summary>The messages of a JSON array of <c>{"role", "content"}</c> objects (an eval example's input).</summary>
    /// <exception cref="ChatModelException">The text is not such an array.</exception>
    public static List<ChatMessage> ParseList(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(m => new ChatMessage(m.GetProperty("role").GetString() ?? "", m.GetProperty("content").GetString() ?? ""))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ChatModelException($"not a JSON array of {{\"role\", \"content\"}} messages: {e.Message.Split(". ")[0]}", e);
        }
    }
}
