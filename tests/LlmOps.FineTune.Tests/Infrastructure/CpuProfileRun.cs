using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Execution;

namespace LlmOps.FineTune.Tests.Infrastructure;

/// <summary>
/// One run of the FineTune pipeline on the CPU profile, through Register, in a scratch repository: the trainer image
/// built from the repository, a tokenizer, a pretrained base model, LoRA SFT, the ONNX export and the gate. The model
/// is shrunk to a few steps (the profile's sizes are measured by hand, see the README) so the tests check wiring and
/// parity rather than quality. Shared by the tests of one collection, which run one after another.
/// </summary>
public sealed class CpuProfileRun : IAsyncLifetime
{
    /// <summary>Shrinks the model so a run takes seconds of training; the gate's threshold fits such a model.</summary>
    public static readonly IReadOnlyDictionary<string, string> TinyModel = new Dictionary<string, string>
    {
        ["vocab-size"] = "300",
        ["pretrain-steps"] = "3",
        ["model-dim"] = "32",
        ["model-layers"] = "1",
        ["epochs"] = "1",
        ["lora-rank"] = "2",
        ["lora-alpha"] = "4",
        ["max-perplexity"] = "100000",
        ["max-answer-tokens"] = "4",
    };

    private string? _skipReason;

    public ScratchRepository Repository { get; } = new();

    public FineTuneHarness.Outcome First { get; private set; } = null!;

    /// <summary>The base image of the trainer image: TRAINER_BASE_IMAGE, else the locally made Debian image.</summary>
    public static string BaseImage => Environment.GetEnvironmentVariable("TRAINER_BASE_IMAGE") is { Length: > 0 } image ? image : "llmops-ci/debian:bookworm";

    public FineTuneHarness Harness()
    {
        var harness = new FineTuneHarness(Repository.Root, "cpu");
        foreach (var (name, value) in TinyModel)
        {
            harness.Parameters[name] = value;
        }

        harness.Parameters["trainer-base-image"] = BaseImage;
        return harness;
    }

    /// <summary>Skips the calling test, saying why, when no Docker engine is reachable (fails instead under LLMOPS_REQUIRE_DOCKER=1).</summary>
    public void RequireRun()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            using var engine = await DockerEngine.ConnectAsync(TestContext.Current.CancellationToken);
        }
        catch (DockerEngineUnavailableException e) when (Environment.GetEnvironmentVariable("LLMOPS_REQUIRE_DOCKER") != "1")
        {
            _skipReason = "no Docker engine: " + e.Message;
            return;
        }

        First = await Harness().RunAsync("FineTune.Register", TestContext.Current.CancellationToken);
        if (First.Record.Stages.Any(s => s.Status == StageStatus.Failed))
        {
            throw new InvalidOperationException($"the CPU profile run failed: {First.Summary}\n{First.Reporter.Text}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Repository.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The tests that share one CPU-profile run and the engine.</summary>
[CollectionDefinition(Name)]
public sealed class TrainerContainerCollection : ICollectionFixture<CpuProfileRun>
{
    public const string Name = "FineTune trainer containers";
}
