using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// A structural check of OpenAI-format chat JSONL (one <c>{"messages": [...]}</c> object per line) before GPU time
/// is spent on it. Every problem names file, line and field; the full validator lives in LlmOps.DataValidation.
/// </summary>
public static class ChatDataset
{
    static readonly HashSet<string> Roles = ["system", "user", "assistant"];
    const int MaxProblemsShown = 20;

    /// <summary>Checks both splits and copies them, with counts, into <paramref name="output"/>.</summary>
    public static void Prepare(StageContext ctx, string trainPath, string evalPath, DatasetArtifact output)
    {
        var problems = new List<string>();
        var train = Check(trainPath, ctx.RootDirectory, problems);
        var eval = Check(evalPath, ctx.RootDirectory, problems);
        if (problems.Count > 0)
        {
            var shown = string.Join(Environment.NewLine + "  ", problems.Take(MaxProblemsShown));
            var more = problems.Count > MaxProblemsShown ? $"{Environment.NewLine}  ... and {problems.Count - MaxProblemsShown} more" : "";
            throw new StageFailedException($"the chat dataset has {problems.Count} problem(s):{Environment.NewLine}  {shown}{more}");
        }

        if (train == 0 || eval == 0)
        {
            throw new StageFailedException($"both splits need examples (train: {train}, eval: {eval})");
        }

        File.Copy(trainPath, output.File("train.jsonl"));
        File.Copy(evalPath, output.File("eval.jsonl"));
        File.WriteAllText(output.File("dataset.json"), JsonSerializer.Serialize(new { format = "openai-chat", train, eval }));
        ctx.Metric("train_examples", train);
        ctx.Metric("eval_examples", eval);
        ctx.Log($"chat dataset OK: {train} train and {eval} eval conversations");
    }

    /// <summary>Checks one file; returns the number of conversations and appends problems.</summary>
    public static int Check(string path, string root, List<string> problems)
    {
        var shown = Path.GetRelativePath(root, path);
        if (!File.Exists(path))
        {
            problems.Add($"{shown}: file not found");
            return 0;
        }

        var count = 0;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{shown}:{number}";
            try
            {
                using var document = JsonDocument.Parse(line);
                if (CheckConversation(document.RootElement, where, problems))
                {
                    count++;
                }
            }
            catch (JsonException e)
            {
                problems.Add($"{where}: not valid JSON ({e.Message.Split('.')[0]})");
            }
        }

        return count;
    }

    static bool CheckConversation(JsonElement root, string where, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}: field 'messages' is missing or not an array");
            return false;
        }

        var before = problems.Count;
        var roles = new List<string>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var field = $"messages[{index++}]";
            var role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : null;
            if (role is null || !Roles.Contains(role))
            {
                problems.Add($"{where}: field '{field}.role' must be one of system, user, assistant");
            }

            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(content.GetString()))
            {
                problems.Add($"{where}: field '{field}.content' must be a non-empty string");
            }

            roles.Add(role ?? "?");
        }

        if (roles.Count == 0)
        {
            problems.Add($"{where}: field 'messages' is empty");
        }
        else if (!roles.Contains("user") || roles[^1] != "assistant")
        {
            problems.Add($"{where}: field 'messages' needs a user turn and must end with an assistant turn (roles: {string.Join(",", roles)})");
        }

        return problems.Count == before;
    }
}
