using System.Text.Json;
using LlmOps.FineTune.Tests.Infrastructure;
using LlmOps.OnnxChat;

namespace LlmOps.FineTune.Tests.Containers;

/// <summary>
/// The exported model in ONNX Runtime against PyTorch: the export wrote, for a few eval prompts, PyTorch's prompt ids,
/// next-token argmax, top logits and greedy continuation (expected.json); the .NET side must reproduce them.
/// </summary>
[Collection(TrainerContainerCollection.Name)]
public sealed class OnnxExportTests(CpuProfileRun run)
{
    [Fact]
    public void Onnx_runtime_loads_the_export_and_predicts_the_next_token_pytorch_predicted()
    {
        run.RequireRun();
        var folder = run.Trained.ArtifactDirectory("FineTune.Export", "sft-onnx");
        using var model = OnnxChatModel.Load(folder);
        var expected = Expected(folder);
        Assert.NotEmpty(expected);

        foreach (var prompt in expected)
        {
            var ids = model.Tokenizer.EncodePrompt(ChatMessage.ParseList(prompt.GetProperty("messages").GetRawText()));
            Assert.Equal(Ints(prompt, "input_ids"), ids);

            var logits = model.NextTokenLogits(ids);
            Assert.Equal(prompt.GetProperty("argmax").GetInt32(), TokenSampler.ArgMax(logits));
            var top = Ints(prompt, "top_ids");
            var topLogits = prompt.GetProperty("top_logits").EnumerateArray().Select(v => v.GetDouble()).ToList();
            for (var i = 0; i < top.Count; i++)
            {
                Assert.Equal(topLogits[i], logits[top[i]], 1e-3);
            }
        }
    }

    [Fact]
    public void Greedy_generation_in_onnx_runtime_continues_as_pytorch_did()
    {
        run.RequireRun();
        var folder = run.Trained.ArtifactDirectory("FineTune.Export", "sft-onnx");
        using var model = OnnxChatModel.Load(folder);

        foreach (var prompt in Expected(folder))
        {
            var torch = Ints(prompt, "greedy_ids");
            var stop = torch.IndexOf(model.Tokenizer.EndId);
            var wanted = stop < 0 ? torch : torch[..stop];

            Assert.Equal(wanted, model.Generate(Ints(prompt, "input_ids"), torch.Count));
        }
    }

    private static List<JsonElement> Expected(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static List<int> Ints(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];
}
