using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>A pipeline definition after loading: parameters resolved and every stage evaluated into data.</summary>
public sealed class PipelineModel
{
    // Every delegate a stage property returned while loading, with its stage. A Stage reference (DependsOn(Train))
    // is the delegate the property returns again: equal (same method and target) to the recorded one unless the
    // getter builds a new closure each time, in which case the method alone still names it within this pipeline.
    private readonly List<(Stage Delegate, StageModel Stage)> _delegates = [];
    private readonly List<StageModel> _stages = [];

    internal PipelineModel(Pipeline instance, string name, IReadOnlyList<ParameterModel> parameters)
    {
        Instance = instance;
        Name = name;
        Parameters = parameters;
    }

    /// <summary>The pipeline instance the stages close over.</summary>
    public Pipeline Instance { get; }

    /// <summary>The pipeline name.</summary>
    public string Name { get; }

    /// <summary>The pipeline class.</summary>
    public Type Type => Instance.GetType();

    /// <summary>The parameters with their resolved values, those of the class first, then those of its components.</summary>
    public IReadOnlyList<ParameterModel> Parameters { get; }

    /// <summary>Stages in declaration order: the class's, then its components'.</summary>
    public IReadOnlyList<StageModel> Stages => _stages;

    /// <summary>
    /// Finds the stage of this pipeline a <see cref="Stage"/> delegate denotes, or null when it is not one of this
    /// pipeline's (two pipelines sharing a base class or a component each resolve their own references to their own stages).
    /// </summary>
    public StageModel? Find(Stage stage) => FindExact(stage) ?? FindByMethod(stage);

    /// <summary>Finds a stage by name (case-insensitive).</summary>
    public StageModel? Find(string name) => _stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The stage whose property returned this very delegate (same method, same target).</summary>
    internal StageModel? FindExact(Stage stage) => _delegates.FirstOrDefault(d => d.Delegate.Equals(stage)).Stage;

    /// <summary>The stage whose property returned a delegate of the same method, when only one did.</summary>
    internal StageModel? FindByMethod(Stage stage)
    {
        var matches = _delegates.Where(d => d.Delegate.Method == stage.Method).Select(d => d.Stage).Distinct().Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    internal void Add(StageModel stage, Stage produced)
    {
        _stages.Add(stage);
        _delegates.Add((produced, stage));
        stage.DefinitionMethod = produced.Method;
    }

    /// <summary>Records that a hidden or overridden property's delegate denotes <paramref name="stage"/> too.</summary>
    internal void AddAlias(Stage produced, StageModel stage) => _delegates.Add((produced, stage));
}
