namespace LlmOps.Planning;

/// <summary>
/// A pipeline that failed to define: its class could not be instantiated, a stage definition threw, its wiring is
/// wrong, or it clashes with another pipeline. It is left out so the other pipelines still run; its targets fail.
/// </summary>
public sealed class PipelineFailure
{
    internal PipelineFailure(string name, Type type, IReadOnlyList<string> problems)
    {
        Name = name;
        Type = type;
        Problems = problems;
        StageNames = StageMembers.NamesOf(type);
        ParameterNames = ParameterMembers.NamesOf(type);
    }

    /// <summary>The pipeline name (its <c>Name</c>, or the class name without "Pipeline" when that could not be read).</summary>
    public string Name { get; }

    /// <summary>The pipeline class.</summary>
    public Type Type { get; }

    /// <summary>What is wrong, each naming the member where it can.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The stages the class declares (found by reflection), so a target naming one fails with the reason.</summary>
    public IReadOnlyList<string> StageNames { get; }

    /// <summary>The command-line names of the parameters the class declares, which are not unknown names.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>"pipeline X failed to define:" with the problems indented beneath, one per line.</summary>
    public string Describe(string indent = "  ") =>
        $"pipeline {Name} ({Type.Name}) failed to define:" + string.Concat(Problems.Select(p => Environment.NewLine + indent + p));
}
