using LlmOps.Serving.Models;
using Microsoft.ML;

namespace LlmOps.Serving.Classification;

/// <summary>An ML.NET multiclass classifier saved as <c>model.zip</c> (the support intent model).</summary>
public sealed class MlNetClassifierFactory : IModelHandlerFactory
{
    /// <summary>The model file the support pipeline's trainer writes.</summary>
    public const string ModelFile = "model.zip";

    /// <inheritdoc />
    public string Kind => "mlnet-classifier";

    /// <inheritdoc />
    public bool Recognizes(string modelDirectory) => File.Exists(Path.Combine(modelDirectory, ModelFile));

    /// <inheritdoc />
    public IModelHandler Load(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, ModelFile);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{path} is missing");
        }

        var ml = new MLContext(seed: 7);
        try
        {
            var model = ml.Model.Load(path, out _);
            return new MlNetClassifierHandler(ml, model);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw new ModelLoadException($"{path} is not a loadable ML.NET model: {e.Message}", e);
        }
    }
}
