using System.ClientModel;
using LlmOps.FineTune.Tests.Infrastructure;
using LlmOps.OnnxChat;
using OpenAI;
using OpenAI.Chat;

namespace LlmOps.FineTune.Tests.Containers;

/// <summary>
/// The model the CPU profile deployed, asked through its stable address by the official OpenAI client: the serving
/// container answers what the exported model answers in process, whole and streamed.
/// </summary>
[Collection(TrainerContainerCollection.Name)]
public sealed class ServedChatModelTests(CpuProfileRun run)
{
    private const int MaxTokens = 6;

    [Fact]
    public async Task The_openai_client_gets_the_served_model_s_answer()
    {
        run.RequireRun();

        ChatCompletion completion = await Client().CompleteChatAsync(Messages(), new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = MaxTokens }, Ct);

        var expected = InProcess();
        Assert.Equal(expected.Text, completion.Content.Single().Text);
        Assert.Equal(expected.PromptTokens, completion.Usage.InputTokenCount);
        Assert.Equal(expected.CompletionTokens, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task The_openai_client_streams_the_served_model_s_answer()
    {
        run.RequireRun();
        var text = new List<string>();
        ChatTokenUsage? usage = null;

        await foreach (var update in Client().CompleteChatStreamingAsync(Messages(), new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = MaxTokens }, Ct))
        {
            text.AddRange(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
        }

        var expected = InProcess();
        Assert.Equal(expected.Text, string.Concat(text));
        Assert.Equal(expected.CompletionTokens, usage?.OutputTokenCount);
    }

    private ChatAnswer InProcess()
    {
        using var model = OnnxChatModel.Load(run.Trained.ArtifactDirectory("FineTune.Export", "sft-onnx"));
        return ChatGeneration.Complete(model, CpuProfileRun.SmokeQuestion, new ChatSettings(MaxTokens, Temperature: 0), Ct);
    }

    private ChatClient Client() =>
        new("support-sft", new ApiKeyCredential("not-checked"), new OpenAIClientOptions { Endpoint = new Uri(run.Address, "/v1") });

    private static List<OpenAI.Chat.ChatMessage> Messages() =>
        [new SystemChatMessage(CpuProfileRun.SmokeQuestion[0].Content), new UserChatMessage(CpuProfileRun.SmokeQuestion[1].Content)];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
