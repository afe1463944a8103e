using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>
/// The recorded definition of one stage. Evaluating a <see cref="Stage"/> delegate fills it; the planner reads it.
/// It holds data only, so building a definition has no side effects.
/// </summary>
public sealed class StageDefinition : IStageDefinition, IStageDeclaration
{
    private readonly Dictionary<Type, object> _features = [];
    private readonly List<object> _featureOrder = [];
    private readonly List<string> _problems = [];

    /// <summary>The description, or an empty string.</summary>
    public string DescriptionText { get; private set; } = "";

    /// <summary>Hard dependencies.</summary>
    public List<Stage> DependsOnStages { get; } = [];

    /// <summary>Ordering-only predecessors.</summary>
    public List<Stage> AfterStages { get; } = [];

    /// <summary>Ordering-only successors.</summary>
    public List<Stage> BeforeStages { get; } = [];

    /// <summary>Stages triggered by this one.</summary>
    public List<Stage> TriggersStages { get; } = [];

    /// <summary>Stages that trigger this one.</summary>
    public List<Stage> TriggeredByStages { get; } = [];

    /// <summary>Plan-time conditions.</summary>
    public List<Condition> StaticConditions { get; } = [];

    /// <summary>Run-time conditions.</summary>
    public List<Condition> DynamicConditions { get; } = [];

    /// <summary>Names of members that must have a value.</summary>
    public List<string> RequiredParameters { get; } = [];

    /// <summary>Names of parameter members declared as used.</summary>
    public List<string> DeclaredParameters { get; } = [];

    /// <summary>Whether independent stages continue after this one fails.</summary>
    public bool ProceedsAfterFailure { get; private set; }

    /// <summary>Whether this stage runs after an earlier failure.</summary>
    public bool IsAssuredAfterFailure { get; private set; }

    /// <summary>Consumed artifacts.</summary>
    public List<ArtifactRef> ConsumedArtifacts { get; } = [];

    /// <summary>Produced artifacts.</summary>
    public List<ArtifactRef> ProducedArtifacts { get; } = [];

    /// <summary>Declared input paths, relative to the pipeline folder.</summary>
    public List<string> InputPaths { get; } = [];

    /// <summary>Files or folders outside the store that the stage writes; see <see cref="Outputs"/>.</summary>
    public List<string> OutputPaths { get; } = [];

    /// <summary>Environment variables that are part of the cache key.</summary>
    public List<string> EnvironmentVariables { get; } = [];

    /// <summary>Why the stage is never cached, or null when it is cached.</summary>
    public string? NotCachedReason { get; private set; }

    /// <summary>The time limit, or null.</summary>
    public TimeSpan? TimeoutValue { get; private set; }

    /// <inheritdoc />
    public IStageBody? Body { get; private set; }

    /// <summary>The delegate given to Executes, kept so the code analysis can walk what the body reaches.</summary>
    public Delegate? ActionBody => (Body as DelegateBody)?.Action;

    /// <summary>All attached features, by type.</summary>
    public IReadOnlyDictionary<Type, object> Features => _features;

    /// <inheritdoc />
    public IReadOnlyList<object> AttachedFeatures => _featureOrder;

    /// <summary>
    /// Mistakes found while the definition was recorded (a second body); the loader reports them with the stage's
    /// name, together with every other definition problem.
    /// </summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <inheritdoc />
    public IStageDeclaration Declaration => this;

    IReadOnlyList<ArtifactRef> IStageDeclaration.ConsumedArtifacts => ConsumedArtifacts;

    IReadOnlyList<ArtifactRef> IStageDeclaration.ProducedArtifacts => ProducedArtifacts;

    IReadOnlyList<string> IStageDeclaration.InputPaths => InputPaths;

    IReadOnlyList<string> IStageDeclaration.OutputPaths => OutputPaths;

    IReadOnlyList<string> IStageDeclaration.EnvironmentVariables => EnvironmentVariables;

    /// <inheritdoc />
    public IStageDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition DependsOn(params Stage[] stages) => Add(DependsOnStages, stages);

    /// <inheritdoc />
    public IStageDefinition After(params Stage[] stages) => Add(AfterStages, stages);

    /// <inheritdoc />
    public IStageDefinition Before(params Stage[] stages) => Add(BeforeStages, stages);

    /// <inheritdoc />
    public IStageDefinition Triggers(params Stage[] stages) => Add(TriggersStages, stages);

    /// <inheritdoc />
    public IStageDefinition TriggeredBy(params Stage[] stages) => Add(TriggeredByStages, stages);

    /// <inheritdoc />
    public IStageDefinition OnlyWhenStatic(Expression<Func<bool>> condition)
    {
        StaticConditions.Add(new Condition(condition));
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition OnlyWhenDynamic(Expression<Func<bool>> condition)
    {
        DynamicConditions.Add(new Condition(condition));
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition Requires(params Expression<Func<object?>>[] parameters)
    {
        RequiredParameters.AddRange(parameters.Select(MemberNames.Of));
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition ProceedAfterFailure()
    {
        ProceedsAfterFailure = true;
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition Consumes(params ArtifactRef[] artifacts) => Add(ConsumedArtifacts, artifacts);

    /// <inheritdoc />
    public IStageDefinition Produces(params ArtifactRef[] artifacts) => Add(ProducedArtifacts, artifacts);

    /// <inheritdoc />
    public IStageDefinition Inputs(params string[] paths) => Add(InputPaths, paths);

    /// <inheritdoc />
    public IStageDefinition Outputs(params string[] paths) => Add(OutputPaths, paths);

    /// <inheritdoc />
    public IStageDefinition Environment(params string[] variableNames) => Add(EnvironmentVariables, variableNames);

    /// <inheritdoc />
    public IStageDefinition UsesParameters(params Expression<Func<object?>>[] parameters)
    {
        DeclaredParameters.AddRange(parameters.Select(MemberNames.Of));
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition NotCached(string reason)
    {
        NotCachedReason = reason;
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A stage timeout must be positive.");
        }

        TimeoutValue = timeout;
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition Executes(Action<StageContext> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        SetBody(new DelegateBody(action, context =>
        {
            action(context);
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition Executes(Func<StageContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        SetBody(new DelegateBody(action, action));
        return this;
    }

    /// <inheritdoc />
    public IStageDefinition With<TFeature>(TFeature feature) where TFeature : class
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (feature is IStageBody body)
        {
            SetBody(body);
        }

        if (_features.Remove(typeof(TFeature), out var replaced))
        {
            _featureOrder.Remove(replaced);
        }

        _features[typeof(TFeature)] = feature;
        _featureOrder.Add(feature);
        return this;
    }

    /// <inheritdoc />
    public TFeature? Feature<TFeature>() where TFeature : class =>
        _features.TryGetValue(typeof(TFeature), out var feature) ? (TFeature)feature : null;

    // Keeping the last body would silently drop work the reviewer saw declared; the same body twice
    // (.Validates(a).Validates(b) extend one feature) is not a second body.
    private void SetBody(IStageBody body)
    {
        if (Body is { } existing && !ReferenceEquals(existing, body))
        {
            _problems.Add($"it declares two bodies, .{existing.Kind}(...) and .{body.Kind}(...); a stage has exactly one (split the work into two stages)");
            return;
        }

        Body = body;
    }

    private StageDefinition Add<T>(List<T> list, T[] items)
    {
        list.AddRange(items);
        return this;
    }
}
