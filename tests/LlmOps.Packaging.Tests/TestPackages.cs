using LlmOps.Evaluation;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Packaging.Tests;

/// <summary>A blessed model folder and dataset on disk, built the way a gate and a validation stage leave them, and packages built from them.</summary>
internal sealed class TestPackages : IDisposable
{
    public TestPackages()
    {
        Root = Directory.CreateTempSubdirectory("llmops-pack-").FullName;
        var model = Path.Combine(Root, "blessed", "model");
        Directory.CreateDirectory(Path.Combine(model, "weights"));
        File.WriteAllText(Path.Combine(model, "config.json"), "{\"labels\":[\"billing\",\"shipping\"]}");
        File.WriteAllBytes(Path.Combine(model, "weights", "model.bin"), Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray());
        VerdictPath = Path.Combine(Root, "blessed", "verdict.json");
        File.WriteAllText(VerdictPath, VerdictJson.Write(Verdict));
        ModelDirectory = model;
        Blessing = new BlessingRecord("Support.Evaluate", ModelDigest.Of(model), []);
        DatasetDirectory = Path.Combine(Root, "splits");
        Directory.CreateDirectory(DatasetDirectory);
        File.WriteAllText(Path.Combine(DatasetDirectory, "train.jsonl"), "{\"text\":\"where is my parcel\",\"label\":\"shipping\"}\n");
        ValidationDirectory = Path.Combine(Root, "validation");
        Directory.CreateDirectory(ValidationDirectory);
        File.WriteAllText(Path.Combine(ValidationDirectory, "validation-report.json"), "{\"passed\":true,\"errors\":0,\"warnings\":2}");
    }

    public static Verdict Verdict { get; } = new(
        true, 200, 1000, 42, "none", true, [],
        [
            new MetricResult("accuracy", null, 200, new Interval(0.91, 0.87, 0.945, 0.95), null),
            new MetricResult("accuracy", "billing", 100, new Interval(0.93, 0.88, 0.97, 0.95), null),
            new MetricResult("accuracy", "shipping", 100, new Interval(0.89, 0.82, 0.94, 0.95), null),
        ],
        [], []);

    public string Root { get; }

    public string ModelDirectory { get; }

    public string VerdictPath { get; }

    public string DatasetDirectory { get; }

    public string ValidationDirectory { get; }

    public BlessingRecord Blessing { get; }

    public PackageInput Input(Action<ModelCardSpec>? card = null)
    {
        var spec = new ModelCardSpec().IntendedUse("Route customer-support messages to an intent queue.")
            .Limitations("English only.", "Not for decisions about people.")
            .License("apache-2.0")
            .Tags("text-classification", "support")
            .Task("text-classification");
        card?.Invoke(spec);
        return new PackageInput("support-intent", ModelDirectory, Blessing, VerdictPath)
        {
            Card = spec,
            Datasets = [new DatasetInput("support-splits", DatasetDirectory, "cc-by-4.0", ValidationDirectory)],
            BaseModel = new BaseModelInput("Qwen/Qwen2.5-0.5B-Instruct", "7ae557604adf67be50417f59c2c2f167def9a775", "apache-2.0"),
            TrainerImage = "ghcr.io/acme/trainer@sha256:" + new string('a', 64),
            TrainingParameters = [new("Epochs", "3"), new("L2Regularization", "0.0001")],
            Frameworks = [new("Microsoft.ML", "5.0.1")],
            Stage = "Support.Pack",
        };
    }

    /// <summary>Builds a package into a new folder under the root, signed with <paramref name="key"/>.</summary>
    public string Build(SigningKey key, PackageInput? input = null, DateTimeOffset? startedOn = null, bool development = false)
    {
        var output = Path.Combine(Root, "out-" + Guid.NewGuid().ToString("N"));
        var start = startedOn ?? DateTimeOffset.UtcNow;
        PackageBuilder.Build(input ?? Input(), output, new PackageBuilder.Signing(
            key, development, new BuildRun(BuildRun.LocalBuilder, "urn:llmops:run:test", "0123456789abcdef0123456789abcdef01234567", null, false),
            [new("Epochs", "3")], start, () => start.AddSeconds(5)));
        return output;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
