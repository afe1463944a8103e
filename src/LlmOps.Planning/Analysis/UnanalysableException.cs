namespace LlmOps.Planning;

/// <summary>The code of an assembly cannot be read at all, so every stage in it is keyed on the whole assembly.</summary>
internal sealed class UnanalysableException(string reason) : Exception(reason);
