using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>
/// Base of a stage kind's own fluent surface: <c>.Validates(a, b)</c> returns one, so <c>.Format(..)</c> and
/// <c>.Rules(..)</c> are offered right after it and nowhere else. Every general declaration passes through to the
/// stage being defined, so a kind's builder reads like the rest of the chain.
/// </summary>
/// <param name="stage">The stage being defined.</param>
public abstract class StageKindDefinition(IStageDefinition stage) : IStageDefinition
{
    /// <summary>The stage being defined.</summary>
    protected IStageDefinition Stage { get; } = stage ?? throw new ArgumentNullException(nameof(stage));

    /// <inheritdoc />
    public IStageDeclaration Declaration => Stage.Declaration;

    /// <inheritdoc />
    public IStageDefinition Description(string description) => Stage.Description(description);

    /// <inheritdoc />
    public IStageDefinition DependsOn(params Stage[] stages) => Stage.DependsOn(stages);

    /// <inheritdoc />
    public IStageDefinition After(params Stage[] stages) => Stage.After(stages);

    /// <inheritdoc />
    public IStageDefinition Before(params Stage[] stages) => Stage.Before(stages);

    /// <inheritdoc />
    public IStageDefinition Triggers(params Stage[] stages) => Stage.Triggers(stages);

    /// <inheritdoc />
    public IStageDefinition TriggeredBy(params Stage[] stages) => Stage.TriggeredBy(stages);

    /// <inheritdoc />
    public IStageDefinition OnlyWhenStatic(Expression<Func<bool>> condition) => Stage.OnlyWhenStatic(condition);

    /// <inheritdoc />
    public IStageDefinition OnlyWhenDynamic(Expression<Func<bool>> condition) => Stage.OnlyWhenDynamic(condition);

    /// <inheritdoc />
    public IStageDefinition Requires(params Expression<Func<object?>>[] parameters) => Stage.Requires(parameters);

    /// <inheritdoc />
    public IStageDefinition ProceedAfterFailure() => Stage.ProceedAfterFailure();

    /// <inheritdoc />
    public IStageDefinition AssuredAfterFailure() => Stage.AssuredAfterFailure();

    /// <inheritdoc />
    public IStageDefinition Consumes(params ArtifactRef[] artifacts) => Stage.Consumes(artifacts);

    /// <inheritdoc />
    public IStageDefinition Produces(params ArtifactRef[] artifacts) => Stage.Produces(artifacts);

    /// <inheritdoc />
    public IStageDefinition Inputs(params string[] paths) => Stage.Inputs(paths);

    /// <inheritdoc />
    public IStageDefinition Outputs(params string[] paths) => Stage.Outputs(paths);

    /// <inheritdoc />
    public IStageDefinition Environment(params string[] variableNames) => Stage.Environment(variableNames);

    /// <inheritdoc />
    public IStageDefinition UsesParameters(params Expression<Func<object?>>[] parameters) => Stage.UsesParameters(parameters);

    /// <inheritdoc />
    public IStageDefinition NotCached(string reason) => Stage.NotCached(reason);

    /// <inheritdoc />
    public IStageDefinition Timeout(TimeSpan timeout) => Stage.Timeout(timeout);

    /// <inheritdoc />
    public IStageDefinition Executes(Action<StageContext> action) => Stage.Executes(action);

    /// <inheritdoc />
    public IStageDefinition Executes(Func<StageContext, Task> action) => Stage.Executes(action);

    /// <inheritdoc />
    public IStageDefinition With<TFeature>(TFeature feature) where TFeature : class => Stage.With(feature);

    /// <inheritdoc />
    public TFeature? Feature<TFeature>() where TFeature : class => Stage.Feature<TFeature>();
}
