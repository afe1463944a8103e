namespace LlmOps.Dsl;

/// <summary>
/// Marks a field or property of a pipeline as a parameter. Values come, in order of precedence, from the
/// command line (<c>--learning-rate 0.1</c>), the environment (<c>LEARNING_RATE</c> or <c>LLMOPS_LEARNING_RATE</c>),
/// <c>.nuke/parameters.&lt;profile&gt;.json</c>, <c>.nuke/parameters.json</c>, and the member's initial value.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    /// <summary>Shown by <c>--help</c> and in emitted workflow inputs.</summary>
    public string Description { get; } = description;

    /// <summary>Overrides the command-line name (default: the member name in kebab case).</summary>
    public string? Name { get; init; }
}
