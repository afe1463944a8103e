namespace LlmOps.Emission.Yaml;

/// <summary>A mapping whose keys keep their insertion order, so output is deterministic.</summary>
public sealed record YamlMapping : YamlNode
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries = [];

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries => _entries;

    /// <summary>Adds an entry; a duplicate key is a bug in an emitter.</summary>
    public YamlMapping Add(string key, YamlNode value)
    {
        if (_entries.Any(e => e.Key == key))
        {
            throw new InvalidOperationException($"Duplicate YAML key '{key}'.");
        }

        _entries.Add(new(key, value));
        return this;
    }

    /// <summary>Adds a string entry.</summary>
    public YamlMapping Add(string key, string value) => Add(key, new YamlScalar(value));

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public YamlNode? this[string key] => _entries.FirstOrDefault(e => e.Key == key).Value;

    /// <inheritdoc />
    public bool Equals(YamlMapping? other) =>
        other is not null && _entries.Count == other._entries.Count
        && _entries.Zip(other._entries).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    /// <inheritdoc />
    public override int GetHashCode() => _entries.Count;
}
