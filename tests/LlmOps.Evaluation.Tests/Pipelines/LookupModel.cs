using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Evaluation.Tests.Pipelines;

/// <summary>A real model file, as small as a model gets: a JSON table from input to label, with a default label.</summary>
public static class LookupModel
{
    public const string FileName = "lookup.json";

    public static void Write(ModelArtifact model, IReadOnlyDictionary<string, string> table) =>
        File.WriteAllText(model.File(FileName), JsonSerializer.Serialize(table));

    public static IReadOnlyList<Prediction> Predict(ModelArtifact model, IReadOnlyList<EvalExample> examples)
    {
        var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(model.File(FileName)))!;
        return [.. examples.Select(e => new Prediction(table.GetValueOrDefault(e.Input, "unknown")))];
    }
}
