using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace LlmOps.Serving.Tests;

/// <summary>
/// Real ML.NET models shaped like the support pipeline's (label to key, text features, SDCA maximum entropy, key back
/// to label), trained on a few sentences in well under a second.
/// </summary>
public static class TinyModels
{
    public static readonly (string Text, string Label)[] Examples =
    [
        ("where is my parcel", "shipping"), ("my package has not arrived", "shipping"), ("track my delivery", "shipping"),
        ("when will my order ship", "shipping"), ("I was charged twice", "billing"), ("my invoice is wrong", "billing"),
        ("update my credit card", "billing"), ("why is my bill so high", "billing"), ("I want my money back", "refund"),
        ("please refund my order", "refund"), ("return this item for a refund", "refund"), ("refund the damaged goods", "refund"),
    ];

    /// <summary>Trains the classifier into <c>model.zip</c> under a new folder of <paramref name="root"/>; <paramref name="flip"/> swaps labels so its answers are wrong.</summary>
    public static string Classifier(string root, bool flip = false) =>
        Save(root, Examples.Select(e => new Row { Text = e.Text, Label = flip ? Flip(e.Label) : e.Label }), nameof(Row.Text));

    /// <summary>A model that loads but was trained on a <c>Message</c> column, so it cannot answer a request with <c>Text</c>.</summary>
    public static string WrongSchema(string root) =>
        Save(root, Examples.Select(e => new OtherRow { Message = e.Text, Label = e.Label }), nameof(OtherRow.Message));

    private static string Save<TRow>(string root, IEnumerable<TRow> rows, string textColumn)
        where TRow : class
    {
        var directory = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var ml = new MLContext(seed: 7);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", textColumn))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 50 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        ml.Model.Save(pipeline.Fit(data), data.Schema, Path.Combine(directory, "model.zip"));
        return directory;
    }

    private static string Flip(string label) => label switch { "shipping" => "billing", "billing" => "refund", _ => "shipping" };

    private sealed class Row
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class OtherRow
    {
        public string Message { get; set; } = "";

        public string Label { get; set; } = "";
    }
}
