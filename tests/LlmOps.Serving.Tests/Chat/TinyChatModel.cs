using LlmOps.OnnxChat;

namespace LlmOps.Serving.Tests.Chat;

/// <summary>The tiny exported chat model in the test data, and what the library itself answers with it.</summary>
public static class TinyChatModel
{
    public static readonly IReadOnlyList<ChatMessage> Question =
    [
        new("system", "You are Acme's support assistant. Answer briefly, politely, and only about Acme products and accounts."),
        new("user", "How do I reset my password?"),
    ];

    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-chat");

    /// <summary>The greedy answer ONNX Runtime gives in process, the reference the served answers must equal.</summary>
    public static ChatAnswer Greedy(int maxTokens, IReadOnlyList<string>? stop = null)
    {
        using var model = OnnxChatModel.Load(Directory);
        return ChatGeneration.Complete(model, Question, new ChatSettings(maxTokens, Temperature: 0, Stop: stop), CancellationToken.None);
    }
}
