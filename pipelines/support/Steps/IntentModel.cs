using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>The intent classifier: word and character n-grams into a maximum-entropy model trained with SDCA.</summary>
public static class IntentModel
{
    public const string FileName = "model.zip";
    const int IterationsPerEpoch = 10;

    public static void Train(StageContext ctx, DatasetArtifact splits, ModelArtifact output, int epochs, double l2) =>
        Train(splits.Directory, output.Directory, epochs, l2, ctx.Log, ctx.Metric, ctx.CancellationToken);

    /// <summary>The training itself, free of the stage context so the container trainer runs the very same code.</summary>
    public static void Train(string splitsDirectory, string outputDirectory, int epochs, double l2, Action<string> log, Action<string, double, long> metric, CancellationToken cancellationToken)
    {
        if (epochs < 1)
        {
            throw new StageFailedException($"--epochs must be at least 1 (got {epochs})");
        }

        var train = DatasetChecks.Read(Path.Combine(splitsDirectory, "train.jsonl"));
        var ml = new MLContext(seed: 7);
        var data = ml.Data.LoadFromEnumerable(train);
        var featurizer = ml.Transforms.Conversion.MapValueToKey("Label", nameof(IntentExample.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2 },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            }, nameof(IntentExample.Text)))
            .Fit(data);
        var features = ml.Data.Cache(featurizer.Transform(data));

        // SDCA reports no per-iteration loss, so each epoch trains to a larger iteration budget and is measured:
        // the curve shows whether more epochs still help. Single-threaded for reproducible models.
        ITransformer? model = null;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                L2Regularization = (float)l2,
                MaximumNumberOfIterations = epoch * IterationsPerEpoch,
                NumberOfThreads = 1,
            });
            model = trainer.Fit(features);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(features));
            metric("train_log_loss", metrics.LogLoss, epoch);
            metric("train_accuracy", metrics.MicroAccuracy, epoch);
            log($"epoch {epoch}/{epochs}: log-loss {metrics.LogLoss:0.0000}, accuracy {metrics.MicroAccuracy:P2}");
        }

        var scored = featurizer.Append(model!);
        var pipeline = scored.Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored.Transform(data)));
        Directory.CreateDirectory(outputDirectory);
        var modelPath = Path.Combine(outputDirectory, FileName);
        ml.Model.Save(pipeline, data.Schema, modelPath);

        // Training is deterministic (fixed seed, one thread), but Model.Save stamps each zip entry with the time it
        // was written; without this, every retraining would change the model's hash and re-run everything after it.
        StableZip.Normalize(modelPath);
        File.WriteAllText(Path.Combine(outputDirectory, "training.json"), JsonSerializer.Serialize(new
        {
            algorithm = "SdcaMaximumEntropy over word 1-2-grams and char 3-grams",
            epochs,
            iterationsPerEpoch = IterationsPerEpoch,
            l2Regularization = l2,
            examples = train.Count,
            labels = DatasetChecks.Labels,
        }, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Where the Dockerfile installs the published trainer.</summary>
    public const string ContainerTrainerPath = "/opt/support-trainer/support-trainer";

    /// <summary>The Docker build context of the container trainer: <c>publish/</c> holds the self-contained trainer.</summary>
    public static string TrainerContext(string repositoryRoot) => StateLayout.Of(repositoryRoot).Part("support-trainer", "context");

    /// <summary>
    /// Publishes pipelines/support/trainer self-contained for linux-x64 into <c>publish/</c> of
    /// <paramref name="contextDirectory"/>, with its own intermediate folder so the build's own outputs are untouched.
    /// </summary>
    public static async Task PublishTrainer(StageContext ctx, string contextDirectory)
    {
        var project = ctx.PipelinePath("trainer/SupportTrainer.csproj");
        var publish = Path.Combine(contextDirectory, "publish");
        var intermediate = Path.Combine(Path.GetDirectoryName(contextDirectory)!, "build");
        // The build host runs under the dotnet muxer; using the same one keeps the SDK that build.sh selected.
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        await ctx.RunAsync(
            dotnet,
            ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", publish, "--artifacts-path", intermediate, "-nologo", "-v", "q"],
            new ProcessOptions
            {
                WorkingDirectory = ctx.RootDirectory,
                Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            });
        if (!File.Exists(Path.Combine(publish, "support-trainer")))
        {
            throw new StageFailedException($"dotnet publish succeeded but {Path.Combine(publish, "support-trainer")} is missing");
        }
    }

    /// <summary>The model's intent for each eval example, with its probability, for the evaluation gate.</summary>
    public static IReadOnlyList<LlmOps.Evaluation.Prediction> Predict(ModelArtifact model, IReadOnlyList<EvalExample> examples) =>
        [.. Predict(model, [.. examples.Select(e => new IntentExample { Text = e.Input })]).Select(label => new LlmOps.Evaluation.Prediction(label))];

    public static IReadOnlyList<string> Predict(ModelArtifact model, IReadOnlyList<IntentExample> examples)
    {
        var ml = new MLContext(seed: 7);
        var transformer = ml.Model.Load(model.File(FileName), out _);
        var predictions = transformer.Transform(ml.Data.LoadFromEnumerable(examples));
        return ml.Data.CreateEnumerable<Prediction>(predictions, reuseRowObject: false).Select(p => p.PredictedLabel).ToList();
    }

    sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }
}
