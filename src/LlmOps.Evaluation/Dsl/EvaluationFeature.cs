using System.Globalization;
using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>
/// An evaluation gate stage, attached by <see cref="EvaluationStageExtensions.Evaluates{TModel}"/>: it answers the eval
/// set with the candidate (and the champion), measures the metrics, judges the rules on confidence intervals, writes
/// the verdict, blesses the model when every rule passed, and fails the stage otherwise.
/// </summary>
/// <typeparam name="TModel">The kind of model evaluated.</typeparam>
public sealed class EvaluationFeature<TModel> : IStageBody, ICacheKeyContributor, IPlanAnnotation, IDeclarationCheck
    where TModel : IArtifactKind<TModel>
{
    internal EvaluationFeature(Artifact<TModel> model, Artifact<DatasetArtifact> evalSet) => (Model, EvalSet) = (model, evalSet);

    /// <summary>The candidate model.</summary>
    public Artifact<TModel> Model { get; }

    /// <summary>The eval set.</summary>
    public Artifact<DatasetArtifact> EvalSet { get; }

    /// <summary>Where the examples are in the eval set and which fields hold what.</summary>
    public EvalSetFormat Format { get; internal set; } = new();

    /// <summary>How the model's answers are obtained.</summary>
    public IPredictor? Predictor { get; internal set; }

    /// <summary>The metrics and slices.</summary>
    public MetricSet Metrics { get; } = new();

    /// <summary>The rules.</summary>
    public GateRules Rules { get; } = new();

    /// <summary>Where the verdict's JSON, Markdown and HTML go, or null.</summary>
    public Artifact<EvalReportArtifact>? Verdict { get; internal set; }

    /// <summary>Where the blessed model goes when the gate passes, or null.</summary>
    public Artifact<Blessed<TModel>>? Blessing { get; internal set; }

    /// <inheritdoc />
    public string Kind => "Evaluates";

    /// <inheritdoc />
    public string PlanAnnotation =>
        $"gate on {EvalSet.Name}: {Rules.All.Count} rule(s) over {string.Join(", ", Metrics.All.Select(m => m.Name))}" +
        (Rules.All.FirstOrDefault(r => r.Champion is not null)?.Champion is { } champion ? $", champion {champion}" : "");

    /// <inheritdoc />
    public IEnumerable<string> Check(IStageDeclaration stage)
    {
        if (Predictor is null)
        {
            yield return $"it evaluates {Model.Name} but says nothing about how to get its answers: add .PredictsWith(...) or .GeneratesWith(...)";
        }

        if (Metrics.All.Count == 0)
        {
            yield return $"it evaluates {Model.Name} without metrics: add .Metrics(m => ...)";
        }

        foreach (var problem in Rules.Check(Metrics))
        {
            yield return problem;
        }
    }

    /// <inheritdoc />
    public async ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = new List<KeyValuePair<string, string>>
        {
            new("evaluation:format", Format.Describe()),
            new("evaluation:predictor", Predictor?.Describe() ?? "-"),
            new("evaluation:metrics", Metrics.Describe()),
            new("evaluation:rules", Rules.Describe()),
        };
        if (Champion is { IsDeclared: true } champion)
        {
            if (context.IsDryRun)
            {
                return CacheKeyParts.Deferred($"the champion ({champion}) is hashed when the stage runs");
            }

            var digest = await context.ResolveOnceAsync("evaluation champion " + champion, async token =>
                await champion.LocateAsync(context, Champion.CacheDirectory(context.RootDirectory), context.Log, token).ConfigureAwait(false) is { } folder
                    ? ModelDigest.Of(folder, champion.ModelFiles)
                    : "none");
            parts.Add(new("evaluation:champion", digest));
        }

        return CacheKeyParts.Of(parts);
    }

    /// <inheritdoc />
    public Task RunAsync(StageContext context, IStageDeclaration stage) => GateRun.RunAsync(context, this);

    internal Champion? Champion => Rules.All.Select(r => r.Champion).OfType<Champion>().FirstOrDefault();

    internal string Title(string stage) => string.Create(CultureInfo.InvariantCulture, $"Evaluation gate {stage}");
}
