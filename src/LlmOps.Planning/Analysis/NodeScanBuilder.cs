using System.Text;
using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>Collects a <see cref="NodeScan"/> while a scanner walks one method or type.</summary>
internal sealed class NodeScanBuilder
{
    private readonly List<IMemberDefinition> _ordered = [];
    private readonly Dictionary<IMemberDefinition, int> _slots = [];
    private readonly HashSet<IMemberDefinition> _unordered = [];
    private readonly HashSet<IMemberDefinition> _parameters = [];
    private readonly SortedSet<string> _reasons = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _assemblies = new(StringComparer.Ordinal);

    /// <summary>The normalized text so far.</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>Appends a reference to <paramref name="method"/> by slot, so its own hash takes the place of its name.</summary>
    public void Slot(IMemberDefinition method)
    {
        if (!_slots.TryGetValue(method, out var slot))
        {
            slot = _ordered.Count;
            _slots[method] = slot;
            _ordered.Add(method);
        }

        Text.Append('@').Append(slot);
    }

    /// <summary>Something that may run, or be used whole, wherever it is referenced from.</summary>
    public void Reach(IMemberDefinition member) => _unordered.Add(member);

    /// <summary>A parameter member read directly.</summary>
    public void Read(IMemberDefinition parameter) => _parameters.Add(parameter);

    /// <summary>Why the code cannot be followed.</summary>
    public void CannotFollow(string reason) => _reasons.Add(reason);

    /// <summary>An assembly outside the analysed code that this code depends on, as <c>name=fingerprint</c>.</summary>
    public void DependOn(string? fingerprint)
    {
        if (fingerprint is not null)
        {
            _assemblies.Add(fingerprint);
        }
    }

    /// <summary>The scan.</summary>
    public NodeScan Build()
    {
        foreach (var assembly in _assemblies)
        {
            Text.Append("\nuses ").Append(assembly);
        }

        return new NodeScan(Text.ToString(), _ordered, _unordered, _parameters, _reasons);
    }
}
