using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>A method's (or whole type's) hash and what it and everything it reaches read and cannot follow.</summary>
/// <param name="Hash">The hash of the code reached.</param>
/// <param name="ParametersRead">Parameter members read anywhere in it.</param>
/// <param name="Reasons">Why some of it cannot be followed; empty when all of it can.</param>
internal sealed record CodeNode(string Hash, IReadOnlySet<IMemberDefinition> ParametersRead, IReadOnlySet<string> Reasons);
