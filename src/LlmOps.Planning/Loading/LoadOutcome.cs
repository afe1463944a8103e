namespace LlmOps.Planning;

/// <summary>
/// What loading one pipeline class gave: the model (null when the class could not be instantiated), the problems of
/// its definition, and the values given to it that do not convert, kept apart because they are the user's input.
/// </summary>
internal sealed class LoadOutcome(Type type, string name)
{
    public Type Type { get; } = type;

    public string Name { get; set; } = name;

    public PipelineModel? Model { get; set; }

    public List<string> DefinitionProblems { get; } = [];

    public List<string> ValueProblems { get; } = [];

    public IEnumerable<string> Problems => ValueProblems.Concat(DefinitionProblems);
}
