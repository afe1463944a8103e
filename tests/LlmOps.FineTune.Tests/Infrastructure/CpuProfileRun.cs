using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Execution;
using LlmOps.OnnxChat;

namespace LlmOps.FineTune.Tests.Infrastructure;

/// <summary>
/// One run of the FineTune pipeline on the CPU profile in a scratch git repository: first through the gate (the trainer
/// image built from the repository, a tokenizer, a pretrained base model, LoRA SFT, the ONNX export and the gate), then
/// through FineTune.Deploy (package, govern, serve in Docker on a free port, check the served bytes). The model is shrunk
/// to a few steps (the profile's sizes are measured by hand, see the README) so the tests check wiring and parity rather
/// than quality; the smoke check therefore expects exactly the answer the exported model gives in process. Shared by
/// the tests of one collection, which run one after another; the deployment is removed at the end.
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

    /// <summary>The smoke prompt the pipeline declares, as the served model is asked it.</summary>
    public static readonly IReadOnlyList<ChatMessage> SmokeQuestion =
    [
        new("system", "You are Acme's support assistant. Answer briefly, politely, and only about Acme products and accounts."),
        new("user", "How do I reset my password?"),
    ];

    private string? _skipReason;
    private string _smokePattern = "";

    public ScratchRepository Repository { get; } = new();

    /// <summary>The run through FineTune.Evaluate: every training stage ran.</summary>
    public FineTuneHarness.Outcome Trained { get; private set; } = null!;

    /// <summary>The run through FineTune.Deploy after it: packaging, governance and serving ran.</summary>
    public FineTuneHarness.Outcome Deployed { get; private set; } = null!;

    /// <summary>The deployment's name: unique, so it never meets a real one on the same engine.</summary>
    public string DeploymentName { get; } = "finetune-t" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The free loopback port the model is served on.</summary>
    public int Port { get; } = FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The base image of the trainer image: TRAINER_BASE_IMAGE, else the locally made Debian image.</summary>
    public static string BaseImage => Environment.GetEnvironmentVariable("TRAINER_BASE_IMAGE") is { Length: > 0 } image ? image : "llmops-ci/debian:bookworm";

    private static string ServingPublish => Path.Combine(ScratchRepository.Checkout, ".llmops", "deployments", ".serving", "publish");

    public FineTuneHarness Harness()
    {
        var harness = new FineTuneHarness(Repository.Root, "cpu");
        foreach (var (name, value) in TinyModel)
        {
            harness.Parameters[name] = value;
        }

        harness.Parameters["trainer-base-image"] = BaseImage;
        harness.Parameters["serving-base-image"] = BaseImage;
        harness.Parameters["serving-port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        harness.Parameters["serving-name"] = DeploymentName;
        harness.Parameters["serving-publish-directory"] = ServingPublish;
        if (_smokePattern.Length > 0)
        {
            harness.Parameters["smoke-answer-pattern"] = _smokePattern;
        }

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

        var cancellationToken = TestContext.Current.CancellationToken;
        await Repository.CommitAsync(cancellationToken); // provenance names the commit, and governance requires it
        await PublishServingAsync(cancellationToken);
        Trained = Succeeded(await Harness().RunAsync("FineTune.Evaluate", cancellationToken));

        using (var model = OnnxChatModel.Load(Trained.ArtifactDirectory("FineTune.Export", "sft-onnx")))
        {
            var answer = ChatGeneration.Complete(model, SmokeQuestion, new ChatSettings(int.Parse(TinyModel["max-answer-tokens"], System.Globalization.CultureInfo.InvariantCulture), Temperature: 0), cancellationToken);
            _smokePattern = "^" + Regex.Escape(answer.Text) + "$";
        }

        Deployed = Succeeded(await Harness().RunAsync("FineTune.Deploy", cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_skipReason is null)
        {
            foreach (var id in (await DockerAsync("ps", "-aq", "--filter", $"label=llmops.deployment={DeploymentName}")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await DockerAsync("rm", "-f", id.Trim());
            }

            await DockerAsync("network", "rm", $"llmops-deploy-{DeploymentName}");
            foreach (var image in (await DockerAsync("images", "--format", "{{.Repository}}:{{.Tag}}", $"llmops-deploy/{DeploymentName}")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await DockerAsync("rmi", "-f", image.Trim());
            }
        }

        Repository.Dispose();
    }

    private static FineTuneHarness.Outcome Succeeded(FineTuneHarness.Outcome outcome) =>
        outcome.Record.Stages.Any(s => s.Status == StageStatus.Failed)
            ? throw new InvalidOperationException($"the CPU profile run failed: {outcome.Summary}\n{outcome.Reporter.Text}")
            : outcome;

    // The serving program is published once into the checkout's state folder (where the deployment tests publish it
    // too, so a rerun is incremental) rather than in every scratch repository.
    private static async Task PublishServingAsync(CancellationToken cancellationToken)
    {
        var state = Path.GetDirectoryName(ServingPublish)!;
        var project = Path.Combine(ScratchRepository.Checkout, "src", "LlmOps.Serving", "LlmOps.Serving.csproj");
        await new ProcessRunner(_ => { }).RunAsync(
            "dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", ServingPublish, "--artifacts-path", Path.Combine(state, "build"), "-nologo", "-v", "q"],
            new ProcessOptions { WorkingDirectory = ScratchRepository.Checkout },
            cancellationToken);
    }

    private static async Task<string> DockerAsync(params string[] args)
    {
        var lines = new List<string>();
        await new ProcessRunner(lines.Add).RunAsync("docker", args, new ProcessOptions { SuccessExitCodes = [0, 1] });
        return string.Join("\n", lines);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one CPU-profile run and the engine.</summary>
[CollectionDefinition(Name)]
public sealed class TrainerContainerCollection : ICollectionFixture<CpuProfileRun>
{
    public const string Name = "FineTune trainer containers";
}
