using LlmOps.Serving.Models;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LlmOps.Serving.Classification;

/// <summary>
/// Answers <c>POST /v1/classify</c> with an ML.NET model. Prediction engines are not thread-safe and costly to
/// create, so each request borrows one from a pool instead of creating or locking one.
/// </summary>
internal sealed class MlNetClassifierHandler : IModelHandler
{
    private readonly ObjectPool<PredictionEngine<ClassifierInput, ClassifierOutput>> _engines;
    private readonly string[] _classes;

    public MlNetClassifierHandler(MLContext ml, ITransformer model)
    {
        _engines = new DefaultObjectPool<PredictionEngine<ClassifierInput, ClassifierOutput>>(
            new EnginePolicy(() => ml.Model.CreatePredictionEngine<ClassifierInput, ClassifierOutput>(model)),
            Environment.ProcessorCount * 2);
        _classes = ClassNames(model, ml);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/classify", (ClassifyRequest? request, ServedModel served) =>
        {
            if (string.IsNullOrWhiteSpace(request?.Text))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "field 'text' is required: {\"text\": \"where is my parcel\"}");
            }

            var (label, confidence, scores) = Classify(request.Text);
            return Results.Ok(new ClassifyResponse(label, confidence, scores, served.Name, served.Version));
        });

    public void WarmUp() => Classify("warm-up");

    public void Dispose()
    {
        // Pooled engines hold no unmanaged resources of their own; the pool is dropped with the handler.
    }

    internal (string Label, double Confidence, IReadOnlyDictionary<string, double> Scores) Classify(string text)
    {
        var engine = _engines.Get();
        try
        {
            var output = engine.Predict(new ClassifierInput { Text = text });
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(_classes.Length, output.Score.Length); i++)
            {
                scores[_classes[i]] = Math.Round(output.Score[i], 6);
            }

            var confidence = output.Score.Length == 0 ? 0 : output.Score.Max();
            return (output.PredictedLabel, Math.Round(confidence, 6), scores);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private static string[] ClassNames(ITransformer model, MLContext ml)
    {
        // The Score column's slot names are the classes in score order; a model saved without them still classifies,
        // and one whose input schema differs is left for the warm-up to report as unhealthy.
        DataViewSchema schema;
        try
        {
            schema = model.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<ClassifierInput>()).Schema);
        }
        catch (ArgumentOutOfRangeException)
        {
            return [];
        }
        catch (InvalidOperationException)
        {
            return [];
        }

        if (schema.GetColumnOrNull("Score") is not { } score || !score.HasSlotNames())
        {
            return [];
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    private sealed class EnginePolicy(Func<PredictionEngine<ClassifierInput, ClassifierOutput>> create)
        : PooledObjectPolicy<PredictionEngine<ClassifierInput, ClassifierOutput>>
    {
        public override PredictionEngine<ClassifierInput, ClassifierOutput> Create() => create();

        public override bool Return(PredictionEngine<ClassifierInput, ClassifierOutput> obj) => true;
    }
}
