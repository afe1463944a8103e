namespace LlmOps.Dsl;

/// <summary>
/// Marks a parameter as secret: its value is masked in every log line, report, run record and error message,
/// enters cache keys only as a hash, and is passed to emitted CI jobs through secret stores.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
