namespace LlmOps.Emission.Yaml;

/// <summary>
/// A node of the small YAML document model the emitters build. Emitters never write YAML text themselves:
/// <see cref="YamlWriter"/> decides quoting, so user text cannot change a document's structure.
/// </summary>
public abstract record YamlNode;
