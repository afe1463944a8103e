using LlmOps.Dsl;
using Microsoft.Extensions.AI;

namespace LlmOps.Evaluation;

/// <summary>An evaluation gate's own settings, offered right after <c>.Evaluates(...)</c>.</summary>
/// <typeparam name="TModel">The kind of model evaluated.</typeparam>
public sealed class EvaluationDefinition<TModel> : StageKindDefinition
    where TModel : IArtifactKind<TModel>
{
    private readonly EvaluationFeature<TModel> _feature;

    internal EvaluationDefinition(IStageDefinition stage, EvaluationFeature<TModel> feature)
        : base(stage) => _feature = feature;

    /// <summary>Which JSONL file of the eval set, and which fields hold the input, the expected answer and the id.</summary>
    public EvaluationDefinition<TModel> Examples(string? file = null, string input = "input", string expected = "expected", string id = "id")
    {
        _feature.Format = new EvalSetFormat(file, input, expected, id);
        return this;
    }

    /// <summary>The model's answers come from C# code given the typed model (an ML.NET classifier's <c>Predict</c>).</summary>
    public EvaluationDefinition<TModel> PredictsWith(Func<TModel, IReadOnlyList<EvalExample>, IReadOnlyList<Prediction>> predict)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return PredictsWith(new DelegatePredictor<TModel>(
            (model, examples, _) => Task.FromResult(predict(model, examples)),
            $"code:{predict.Method.DeclaringType?.FullName}.{predict.Method.Name}"));
    }

    /// <summary>The model's answers come from <paramref name="predictor"/>.</summary>
    public EvaluationDefinition<TModel> PredictsWith(IPredictor predictor)
    {
        _feature.Predictor = predictor ?? throw new ArgumentNullException(nameof(predictor));
        return this;
    }

    /// <summary>
    /// The model's answers come from <paramref name="client"/> (an endpoint serving the model), at most
    /// <paramref name="concurrency"/> at once, retried, and cached under the state folder by model digest, prompt and
    /// <paramref name="options"/>.
    /// </summary>
    public EvaluationDefinition<TModel> GeneratesWith(IChatClient client, ChatOptions? options = null, int concurrency = 4, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return PredictsWith(new ChatPredictor(client, options, cacheDirectory) { Concurrency = concurrency });
    }

    /// <summary>Declares the metrics and slices; repeated calls add to them.</summary>
    public EvaluationDefinition<TModel> Metrics(Action<MetricSet> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_feature.Metrics);
        return this;
    }

    /// <summary>
    /// A number the trainer reported (eval loss) as metric <paramref name="name"/> (the field's name by default):
    /// <paramref name="field"/> of <paramref name="file"/> in <paramref name="report"/>, which the stage consumes.
    /// The file is a JSON object (a dotted path picks a nested field) or JSON lines of <c>{"name", "value", "step"}</c>
    /// points, as a container stage's trainer writes them (the last point of that name counts).
    /// </summary>
    public EvaluationDefinition<TModel> ReportedMetric(ArtifactRef report, string field, string file = "metrics.jsonl", string? name = null, bool higherIsBetter = false) =>
        Reported(new ReportedMetric(name ?? field, higherIsBetter, report, file, field));

    /// <summary>Perplexity (metric <c>perplexity</c>, lower is better): e to the trainer's reported mean token loss <paramref name="lossField"/>.</summary>
    public EvaluationDefinition<TModel> PerplexityFromReport(ArtifactRef report, string lossField = "eval_loss", string file = "metrics.jsonl") =>
        Reported(new ReportedMetric(Metric.Perplexity, false, report, file, lossField, Math.Exp, ",exp"));

    /// <summary>Declares the gate's rules; repeated calls add to them.</summary>
    public EvaluationDefinition<TModel> Gate(Action<GateRules> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_feature.Rules);
        return this;
    }

    private EvaluationDefinition<TModel> Reported(ReportedMetric metric)
    {
        _feature.Metrics.Add(metric);
        if (!metric.Report.Equals(_feature.Model))
        {
            Stage.Consumes(metric.Report);
        }

        return this;
    }

    /// <summary>Writes the verdict (JSON, Markdown, HTML with a forest plot) into <paramref name="verdict"/>, which the stage produces.</summary>
    public EvaluationDefinition<TModel> Produces(Artifact<EvalReportArtifact> verdict)
    {
        _feature.Verdict = verdict ?? throw new ArgumentNullException(nameof(verdict));
        Stage.Produces(verdict);
        return this;
    }

    /// <summary>
    /// When every rule passes, writes the model with its blessing into <paramref name="blessed"/>, which the stage
    /// produces: the only way to make the <see cref="Blessed{TModel}"/> that packaging and deployment take.
    /// </summary>
    public EvaluationDefinition<TModel> Blesses(Artifact<Blessed<TModel>> blessed)
    {
        _feature.Blessing = blessed ?? throw new ArgumentNullException(nameof(blessed));
        Stage.Produces(blessed);
        return this;
    }
}
