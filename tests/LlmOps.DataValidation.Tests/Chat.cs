using System.Text.Json;

namespace LlmOps.DataValidation.Tests;

/// <summary>Builds chat JSONL lines.</summary>
internal static class Chat
{
    public static string Line(params (string Role, string Content)[] messages) =>
        JsonSerializer.Serialize(new { messages = messages.Select(m => new { role = m.Role, content = m.Content }) });

    public static string Pair(string user, string assistant) => Line(("user", user), ("assistant", assistant));
}
