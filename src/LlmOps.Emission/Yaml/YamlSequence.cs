namespace LlmOps.Emission.Yaml;

/// <summary>A sequence, written in block style, or in flow style when <see cref="Flow"/> is set and every item is short.</summary>
/// <param name="Items">The items.</param>
/// <param name="Flow">Prefer <c>[a, b]</c>.</param>
public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, bool Flow = false) : YamlNode;
