using System.Text.Json;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.FineTune.Tests.Infrastructure;
using LlmOps.OnnxChat;

namespace LlmOps.FineTune.Tests.Containers;

/// <summary>
/// The tokenizer the model trained with (Python, in the trainer image) and the one the .NET side serves with
/// (Microsoft.ML.Tokenizers) encode every test string to the same ids.
/// </summary>
[Collection(TrainerContainerCollection.Name)]
public sealed class TokenizerParityTests(CpuProfileRun run)
{
    // Unicode letters and marks, emoji with modifiers and joiners, runs of whitespace of every kind, contractions,
    // digits, punctuation runs, chat markers as plain text, and the empty string.
    private static readonly string[] Tricky =
    [
        "How do I reset my password?",
        "",
        " ",
        "   leading and trailing   ",
        "tabs\tand\nnewlines\n\n\nthree",
        "multiple    spaces   between     words",
        "\r\nwindows line\r\nendings ",
        "emoji 😀🎉 and 👍🏽, family 👨‍👩‍👧 and flags 🇩🇪",
        "café naïve Ωmega Привет 日本語のテキスト 한국어",
        "combining e\u0301 and a\u0308 marks",
        "numbers 12345 3.14 ²³ ½ Ⅻ",
        "contractions: I'm, you're, it's, we'll, they'd, I've, DON'T",
        "https://acme.example/orders?id=48213&x=1#top",
        "<|end|> and <|user|> are text here",
        "\u00a0non-breaking\u2003em space\u3000ideographic",
        "zero\u200bwidth\u200djoiner",
        "Order #48213 left our warehouse yesterday!!!",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "trailing spaces   \n  next line",
        "-- ... !!! ??? ;;; \"quoted\" 'single'",
    ];

    [Fact]
    public async Task Python_and_dotnet_encode_every_test_string_to_the_same_ids()
    {
        run.RequireRun();
        var tokenizerFolder = run.Trained.ArtifactDirectory("FineTune.TrainTokenizer", "sft-tokenizer");
        var strings = Directory.CreateTempSubdirectory("llmops-parity-strings-");
        var outputs = Directory.CreateTempSubdirectory("llmops-parity-out-");
        // The trainer runs as uid 10001, not the owner of these private temporary folders.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(strings.FullName, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(outputs.FullName, (UnixFileMode)0b111_111_111);
        }

        await File.WriteAllTextAsync(Path.Combine(strings.FullName, "strings.json"), JsonSerializer.Serialize(Tricky), TestContext.Current.CancellationToken);
        try
        {
            var python = await EncodeInTrainerImageAsync(tokenizerFolder, strings.FullName, outputs.FullName);
            var dotnet = ChatTokenizer.Load(tokenizerFolder);

            Assert.Equal(Tricky.Length, python.Count);
            for (var i = 0; i < Tricky.Length; i++)
            {
                Assert.True(python[i].SequenceEqual(dotnet.Encode(Tricky[i])),
                    $"string {i} {JsonSerializer.Serialize(Tricky[i])}: python [{string.Join(' ', python[i])}], .NET [{string.Join(' ', dotnet.Encode(Tricky[i]))}]");
            }
        }
        finally
        {
            strings.Delete(recursive: true);
            outputs.Delete(recursive: true);
        }
    }

    private static async Task<List<int[]>> EncodeInTrainerImageAsync(string tokenizerFolder, string stringsFolder, string outputs)
    {
        var trainer = Path.Combine(ScratchRepository.Checkout, "pipelines", "finetune", "trainer");
        var spec = new ContainerSpecBuilder()
            .Dockerfile(Path.Combine(trainer, "Dockerfile"), new Dictionary<string, string> { ["BASE_IMAGE"] = CpuProfileRun.BaseImage }, context: trainer)
            .Command("sh", "-c", "python3 -m llmops_sft.tokenizer encode --tokenizer /llmops/inputs/tokenizer --strings /llmops/inputs/strings/strings.json > /llmops/outputs/ids.json")
            .Network(ContainerNetwork.None)
            .Timeout(TimeSpan.FromMinutes(5))
            .Build();
        using var engine = await DockerEngine.ConnectAsync(TestContext.Current.CancellationToken);
        var log = new List<string>();
        var result = await new ContainerRunner(engine).RunAsync(spec, new ContainerRunRequest
        {
            RunId = "finetune-tokenizer-parity-" + Guid.NewGuid().ToString("N"),
            StageName = "tokenizer-parity",
            Inputs = new Dictionary<string, string> { ["tokenizer"] = tokenizerFolder, ["strings"] = stringsFolder },
            OutputsDirectory = outputs,
            LogSink = log.Add,
        }, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join('\n', log));
        return JsonSerializer.Deserialize<List<int[]>>(await File.ReadAllTextAsync(Path.Combine(outputs, "ids.json"), TestContext.Current.CancellationToken))!;
    }
}
