namespace LlmOps.Emission.Yaml;

/// <summary>A scalar. <see cref="IsString"/> scalars always read back as the same string; others are written as-is.</summary>
/// <param name="Value">The text of the scalar.</param>
/// <param name="IsString">
/// True for text that must read back as a string; false for a number or boolean that the emitter formatted itself
/// (and which is written plain, so YAML reads it as that type).
/// </param>
/// <param name="Comment">A trailing comment, for generated notes only (never user text).</param>
public sealed record YamlScalar(string Value, bool IsString = true, string? Comment = null) : YamlNode
{
    /// <summary>A string scalar.</summary>
    public static implicit operator YamlScalar(string value) => new(value);
}
