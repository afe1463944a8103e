using LlmOps.OnnxChat;
using LlmOps.Serving.Models;

namespace LlmOps.Serving.Tests.Chat;

/// <summary>The pieces of generation that the endpoint relies on, checked on their own.</summary>
public sealed class GenerationTests
{
    [Theory]
    [InlineData("hello wo", "world", 2)]
    [InlineData("hello world", "xyz", 0)]
    [InlineData("broken \uFFFD\uFFFD", "xyz", 2)]
    [InlineData("ends with s", "stop", 1)]
    public void Text_that_may_become_a_stop_text_or_a_character_is_held_back(string text, string stop, int held) =>
        Assert.Equal(held, ChatGeneration.HeldBack(text, [stop]));

    [Fact]
    public void A_tiny_nucleus_samples_only_the_most_likely_token()
    {
        var logits = new[] { 0.1f, 2.5f, 2.4f, -1f };
        var sampler = new TokenSampler(temperature: 1.5, topP: 1e-6, seed: 3);

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(1, sampler.Next(logits)));
    }

    [Fact]
    public void Sampling_at_a_high_temperature_draws_more_than_one_token()
    {
        var logits = new[] { 1f, 1.2f, 0.9f, 1.1f };
        var sampler = new TokenSampler(temperature: 2, topP: 1, seed: 3);

        Assert.True(Enumerable.Range(0, 50).Select(_ => sampler.Next(logits)).Distinct().Count() > 1);
    }

    [Fact]
    public void The_export_folder_is_served_by_the_onnx_chat_kind() =>
        Assert.Equal("onnx-chat", ModelHandlers.Select(TinyChatModel.Directory).Kind);

    [Fact]
    public void A_tokenizer_without_a_chat_marker_is_a_load_error_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("llmops-chat-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(TinyChatModel.Directory))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(folder, "special_tokens.json"), """{"<|user|>": 1, "<|end|>": 2}""");

            var error = Assert.Throws<ModelLoadException>(() => ModelHandlers.Select(folder).Load(folder));

            Assert.Contains("special_tokens.json: the chat marker '<|system|>' is missing", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
