using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Pipelines.FineTune.Steps;

namespace LlmOps.FineTune.Tests.Steps;

/// <summary>The gate's prompts: the messages before each held-out reply, and the reply as the expected answer.</summary>
public sealed class EvalPromptFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("llmops-prompts-");

    [Fact]
    public void Each_conversation_becomes_its_prompt_messages_and_the_reply_it_should_get()
    {
        var conversations = Write("""
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"}, {"role": "assistant", "content": "Hello."}]}

            {"messages": [{"role": "user", "content": "Refund?"}, {"role": "assistant", "content": "Within 5 days."}]}
            """);
        var output = Path.Combine(_folder.FullName, "out", EvalPromptFile.FileName);

        EvalPromptFile.Write(conversations, output);

        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["1", "3"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["Hello.", "Within 5 days."], lines.Select(l => l.GetProperty("expected").GetString()));
        Assert.Equal(2, lines[0].GetProperty("messages").GetArrayLength());
        Assert.Equal("Refund?", lines[1].GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("""{"messages": [{"role": "user", "content": "Hi?"}]}""", ":1: the last message must be the assistant's reply (role 'assistant', text content)")]
    [InlineData("""{"text": "no messages"}""", ":1: field 'messages' is missing or empty")]
    [InlineData("""[1, 2]""", ":1: field 'messages' is missing or empty")]
    [InlineData("""{"messages": [""", ":1: not valid JSON")]
    public void A_line_that_is_not_a_conversation_ending_in_a_reply_fails_naming_the_line(string line, string message)
    {
        var conversations = Write(line);

        var error = Assert.Throws<StageFailedException>(() => EvalPromptFile.Write(conversations, Path.Combine(_folder.FullName, "out.jsonl")));

        Assert.Contains(conversations + message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder.FullName, "eval.jsonl");
        File.WriteAllText(path, text);
        return path;
    }
}
