using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>A pipeline definition after loading: parameters resolved and every stage evaluated into data.</summary>
public sealed class PipelineModel
{
    private readonly Dictionary<MethodInfo, StageModel> _byDelegate = [];
    private readonly List<StageModel> _stages = [];

    internal PipelineModel(Pipeline instance, IReadOnlyList<ParameterModel> parameters)
    {
        Instance = instance;
        Name = instance.Name;
        Parameters = parameters;
    }

    /// <summary>The pipeline instance the stages close over.</summary>
    public Pipeline Instance { get; }

    /// <summary>The pipeline name.</summary>
    public string Name { get; }

    /// <summary>The pipeline class.</summary>
    public Type Type => Instance.GetType();

    /// <summary>The parameters with their resolved values.</summary>
    public IReadOnlyList<ParameterModel> Parameters { get; }

    /// <summary>Stages in declaration order.</summary>
    public IReadOnlyList<StageModel> Stages => _stages;

    /// <summary>Finds the stage a <see cref="Stage"/> delegate denotes, or null when it belongs to another pipeline.</summary>
    public StageModel? Find(Stage stage) => _byDelegate.GetValueOrDefault(stage.Method);

    /// <summary>Finds a stage by name (case-insensitive).</summary>
    public StageModel? Find(string name) => _stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    internal void Add(StageModel stage, MethodInfo delegateMethod)
    {
        _stages.Add(stage);
        _byDelegate[delegateMethod] = stage;
        stage.DefinitionMethod = delegateMethod;
    }
}
