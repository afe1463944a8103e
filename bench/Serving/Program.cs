using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Execution;
using LlmOps.OnnxChat;

// Tokens per second of the FineTune chat model served by the ONNX Runtime serving container (the image Deploy built,
// answering /v1/chat/completions over loopback) against the same weights in PyTorch inside the trainer image: the same
// eval prompts, greedy, the same token limit, the same algorithm (the whole sequence recomputed per token, as the export
// has no KV cache), both containers pinned to the same CPU set. Needs a finished ./build.sh FineTune.Deploy --profile cpu.
var options = Options.Parse(args);
var root = FindRoot();
var store = new RunEnvironment(new ExecutionOptions { RootDirectory = root }).Store;
string Artifact(string name) => store.GetRef("FineTune", name) is { } hash
    ? store.Materialize(hash)
    : throw new InvalidOperationException($"no FineTune artifact '{name}' in {root}/.llmops: run ./build.sh FineTune.Deploy --profile cpu first");

var (baseModel, adapter, tokenizer, evalSet, export) = (Artifact("sft-base-model"), Artifact("sft-adapter"), Artifact("sft-tokenizer"), Artifact("sft-eval-set"), Artifact("sft-onnx"));
var prompts = File.ReadLines(Path.Combine(evalSet, "eval.jsonl")).Where(l => l.Trim().Length > 0)
    .Select(l => ChatMessage.ParseList(JsonNode.Parse(l)!["messages"]!.ToJsonString())[..^1]).ToList();
var servingImage = (await Docker("ps", "--filter", $"label=llmops.deployment={options.Deployment}", "--filter", "label=llmops.deployment.role=backend", "--format", "{{.Image}}"))
    .Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
    ?? throw new InvalidOperationException($"no serving container of the deployment '{options.Deployment}' runs: run ./build.sh FineTune.Deploy --profile cpu first");

Console.WriteLine($"model: {Path.GetFileName(export)} ({new FileInfo(Path.Combine(export, "model.onnx")).Length:N0} bytes ONNX); {prompts.Count} eval prompts x {options.Rounds} rounds, greedy, at most {options.MaxTokens} tokens; cpuset {options.CpuSet}");
var onnx = await ServedAsync();
var torch = await PyTorchAsync();

Console.WriteLine();
Console.WriteLine("| runtime | where | tokens | seconds | tokens/s |");
Console.WriteLine("|---|---|---:|---:|---:|");
Row("ONNX Runtime 1.31 (llmops-serving, onnx-chat)", $"{servingImage}, HTTP on loopback", onnx);
Row("PyTorch (python3-torch, Debian)", "trainer image, in process", torch);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ONNX serving / PyTorch: {onnx.Rate / torch.Rate:0.00}x"));
return 0;

void Row(string runtime, string where, (int Tokens, double Seconds, double Rate) r) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {runtime} | {where} | {r.Tokens} | {r.Seconds:0.00} | {r.Rate:0.0} |"));

async Task<(int Tokens, double Seconds, double Rate)> ServedAsync()
{
    var name = "llmops-bench-serving-" + Guid.NewGuid().ToString("N")[..6];
    await Docker("run", "-d", "--rm", "--name", name, "--cpuset-cpus", options.CpuSet, "--memory", "1g", "-p", "127.0.0.1::8080", servingImage);
    try
    {
        var port = (await Docker("port", name, "8080/tcp")).Split('\n')[0].Split(':')[^1].Trim();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        var ready = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync("health")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (ready.Elapsed < TimeSpan.FromSeconds(60))
            {
            }

            await Task.Delay(200);
        }

        // The served answer must be the one the export gives in process, or the two sides would not run the same model.
        using (var model = OnnxChatModel.Load(export))
        {
            var expected = ChatGeneration.Complete(model, prompts[0], new ChatSettings(options.MaxTokens, Temperature: 0), CancellationToken.None).Text;
            var (served, _) = await AskAsync(http, prompts[0]);
            if (served != expected)
            {
                throw new InvalidOperationException($"the deployment '{options.Deployment}' serves another model than the last FineTune export: '{served}' vs '{expected}'");
            }
        }

        var tokens = 0;
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var prompt in prompts)
            {
                tokens += (await AskAsync(http, prompt)).Tokens;
            }
        }

        return (tokens, clock.Elapsed.TotalSeconds, tokens / clock.Elapsed.TotalSeconds);
    }
    finally
    {
        await Docker("rm", "-f", name);
    }
}

async Task<(string Text, int Tokens)> AskAsync(HttpClient http, IReadOnlyList<ChatMessage> messages)
{
    var body = new JsonObject
    {
        ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
        ["temperature"] = 0,
        ["max_tokens"] = options.MaxTokens,
    };
    using var response = await http.PostAsJsonAsync("v1/chat/completions", body);
    response.EnsureSuccessStatusCode();
    var answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    return ((string)answer["choices"]![0]!["message"]!["content"]!, (int)answer["usage"]!["completion_tokens"]!);
}

async Task<(int Tokens, double Seconds, double Rate)> PyTorchAsync()
{
    var trainer = Path.Combine(root, "pipelines", "finetune", "trainer");
    var image = (await Docker("build", "-q", "--build-arg", $"BASE_IMAGE={options.TrainerBaseImage}", "-f", Path.Combine(trainer, "Dockerfile"), trainer)).Trim().Split('\n')[^1];
    var output = await Docker("run", "--rm", "--network", "none", "--cpuset-cpus", options.CpuSet, "--memory", "2g",
        "-v", $"{baseModel}:/in/base:ro", "-v", $"{adapter}:/in/adapter:ro", "-v", $"{tokenizer}:/in/tokenizer:ro", "-v", $"{evalSet}:/in/eval:ro",
        "-v", $"{AppContext.BaseDirectory}:/bench:ro", image,
        "python3", "/bench/torch_generate.py", "--base-model", "/in/base", "--adapter", "/in/adapter", "--tokenizer", "/in/tokenizer",
        "--eval", "/in/eval/eval.jsonl", "--max-tokens", options.MaxTokens.ToString(CultureInfo.InvariantCulture), "--rounds", options.Rounds.ToString(CultureInfo.InvariantCulture));
    using var result = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    var tokens = result.RootElement.GetProperty("tokens").GetInt32();
    var seconds = result.RootElement.GetProperty("seconds").GetDouble();
    return (tokens, seconds, tokens / seconds);
}

static async Task<string> Docker(params string[] arguments)
{
    var lines = new List<string>();
    (await new ProcessRunner(lines.Add, errorOutput: _ => { }).RunAsync("docker", arguments)).EnsureSucceeded();
    return string.Join('\n', lines);
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "LlmOps.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository (no LlmOps.sln above the current folder)");
}

sealed record Options(int MaxTokens, int Rounds, string CpuSet, string Deployment, string TrainerBaseImage)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        return new Options(
            int.Parse(Value("--max-tokens", "32"), CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds", "1"), CultureInfo.InvariantCulture),
            Value("--cpuset", "0"),
            Value("--deployment", "support-sft"),
            Value("--trainer-base-image", "debian:bookworm-slim"));
    }
}
