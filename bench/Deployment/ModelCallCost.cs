using System.Diagnostics;
using Microsoft.ML;

namespace LlmOps.Bench.Deployment;

/// <summary>The model call alone: the same model.zip loaded in this process, one prediction at a time, no HTTP.</summary>
public static class ModelCallCost
{
    public static double MicrosecondsPerCall(string modelZip, int calls)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(modelZip, out _);
        var engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
        var texts = LlmOps.Serving.Tests.TinyModels.Examples.Select(e => e.Text).ToArray();
        for (var i = 0; i < 200; i++)
        {
            engine.Predict(new Input { Text = texts[i % texts.Length] });
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            engine.Predict(new Input { Text = texts[i % texts.Length] });
        }

        return clock.Elapsed.TotalMicroseconds / calls;
    }

    public sealed class Input
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    public sealed class Output
    {
        public string PredictedLabel { get; set; } = "";
    }
}
