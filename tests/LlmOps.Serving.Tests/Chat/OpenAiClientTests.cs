using System.ClientModel;
using LlmOps.OnnxChat;
using OpenAI;
using OpenAI.Chat;

namespace LlmOps.Serving.Tests.Chat;

/// <summary>The official OpenAI client against the onnx-chat kind served in process: what it sends, it gets answered.</summary>
public sealed class OpenAiClientTests
{
    [Fact]
    public async Task The_openai_client_gets_the_greedy_answer_with_its_token_usage()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);
        var expected = TinyChatModel.Greedy(12);

        ChatCompletion completion = await Client(server).CompleteChatAsync(Messages(), new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 12 }, Ct);

        Assert.Equal(expected.Text, completion.Content.Single().Text);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(expected.Finish == FinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(expected.PromptTokens, completion.Usage.InputTokenCount);
        Assert.Equal(expected.CompletionTokens, completion.Usage.OutputTokenCount);
        Assert.Equal(expected.PromptTokens + expected.CompletionTokens, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task The_openai_client_streams_the_same_answer_in_pieces_and_gets_the_usage_last()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);
        var expected = TinyChatModel.Greedy(12);
        var pieces = new List<string>();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in Client(server).CompleteChatStreamingAsync(Messages(), new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 12 }, Ct))
        {
            pieces.AddRange(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.True(pieces.Count(p => p.Length > 0) > 1, $"the answer came in one piece: [{string.Join("|", pieces)}]");
        Assert.Equal(expected.Text, string.Concat(pieces));
        Assert.NotNull(finish);
        Assert.NotNull(usage);
        Assert.Equal(expected.CompletionTokens, usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_bad_field_reaches_the_openai_client_as_a_400_naming_it()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(server).CompleteChatAsync(Messages(), new ChatCompletionOptions { Temperature = 3.5f }, Ct));

        Assert.Equal(400, error.Status);
        Assert.Contains("temperature: must be a number from 0 to 2", error.Message, StringComparison.Ordinal);
    }

    private static ChatClient Client(RunningServer server) =>
        new("support-sft", new ApiKeyCredential("not-checked"), new OpenAIClientOptions { Endpoint = new Uri(server.Address, "/v1") });

    private static List<OpenAI.Chat.ChatMessage> Messages() =>
        [new SystemChatMessage(TinyChatModel.Question[0].Content), new UserChatMessage(TinyChatModel.Question[1].Content)];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
