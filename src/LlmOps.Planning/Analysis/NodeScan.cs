using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// What one method (or one type, taken whole) contributes on its own: its normalized text, and what it leads to.
/// </summary>
/// <param name="Text">The normalized body: operands by name, branch targets by index, user methods by slot.</param>
/// <param name="Ordered">User methods referenced by slot in <paramref name="Text"/>, in slot order: where a lambda is passed matters.</param>
/// <param name="Unordered">What may run without a slot of its own: dispatch targets, field writers, types taken whole.</param>
/// <param name="ParametersRead">Parameter fields and properties read directly.</param>
/// <param name="Reasons">Why this code cannot be followed, in words; empty when it can.</param>
internal sealed record NodeScan(
    string Text,
    IReadOnlyList<IMemberDefinition> Ordered,
    IReadOnlyCollection<IMemberDefinition> Unordered,
    IReadOnlyCollection<IMemberDefinition> ParametersRead,
    IReadOnlyCollection<string> Reasons);
