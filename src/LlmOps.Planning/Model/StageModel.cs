using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>One stage of a loaded pipeline: its name, its recorded definition and where it was declared.</summary>
public sealed class StageModel
{
    internal StageModel(PipelineModel pipeline, PropertyInfo member, string name, StageDefinition definition, int order)
    {
        Pipeline = pipeline;
        Member = member;
        Name = name;
        Definition = definition;
        Order = order;
    }

    /// <summary>The pipeline the stage belongs to.</summary>
    public PipelineModel Pipeline { get; }

    /// <summary>The property name, e.g. <c>Train</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The property that declares the stage: of the pipeline class, a base class, or a component interface
    /// (<c>IEvaluateModel.Evaluate</c>) when the class does not declare one of the same name.
    /// </summary>
    public PropertyInfo Member { get; }

    /// <summary>The qualified name, e.g. <c>Support.Train</c>, unique across all pipelines.</summary>
    public string Id => $"{Pipeline.Name}.{Name}";

    /// <summary>The recorded definition.</summary>
    public StageDefinition Definition { get; }

    /// <summary>
    /// The method behind the stage's property (<c>_ =&gt; _.Description(..)...</c>): parameters read while defining the
    /// stage (a container command, validation rules, a branch on a parameter) shape it as much as its body does.
    /// </summary>
    public MethodInfo? DefinitionMethod { get; internal set; }

    /// <summary>Declaration order within the pipeline, used to break ties so plans are deterministic.</summary>
    public int Order { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
