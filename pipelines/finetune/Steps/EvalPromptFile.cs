using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// The gate's view of the held-out conversations: one example per conversation, the messages before the final reply
/// as the input and the reply as the expected answer.
/// </summary>
public static class EvalPromptFile
{
    /// <summary>The file's name in its artifact.</summary>
    public const string FileName = "prompts.jsonl";

    /// <summary>Writes the prompts of the chat JSONL <paramref name="conversations"/> to <paramref name="output"/>.</summary>
    /// <exception cref="StageFailedException">A line is not a conversation ending in the assistant's reply.</exception>
    public static void Write(string conversations, string output)
    {
        var lines = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(conversations))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var messages = Messages(conversations, number, line);
            if (messages[^1] is not JsonObject reply || !IsText(reply["role"], out var role) || role != "assistant" || !IsText(reply["content"], out var expected))
            {
                throw new StageFailedException($"{conversations}:{number}: the last message must be the assistant's reply (role 'assistant', text content)");
            }

            lines.Add(new JsonObject
            {
                ["id"] = number.ToString(CultureInfo.InvariantCulture),
                ["messages"] = new JsonArray([.. messages.Take(messages.Count - 1).Select(m => m?.DeepClone())]),
                ["expected"] = expected,
            }.ToJsonString());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllLines(output, lines);
    }

    private static bool IsText(JsonNode? node, out string text)
    {
        string? found = null;
        var isText = node is JsonValue value && value.TryGetValue(out found) && found is not null;
        text = found ?? "";
        return isText;
    }

    private static JsonArray Messages(string path, int number, string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject conversation && conversation["messages"] is JsonArray { Count: > 0 } messages
                ? messages
                : throw new StageFailedException($"{path}:{number}: field 'messages' is missing or empty");
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"{path}:{number}: not valid JSON ({e.Message.Split(". ")[0]})");
        }
    }
}
