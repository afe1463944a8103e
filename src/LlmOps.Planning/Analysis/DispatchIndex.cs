using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Where a virtual or interface call into user code can land: class-hierarchy analysis over the analysed code. The
/// targets are every method with the call's name and arity (or explicitly overriding it) in a type that can be the
/// receiver (a subtype of the declaring type) or that such a type inherits from; plus the declared method itself when
/// it has a body (a base implementation or a default interface member). It over-approximates, never misses.
/// </summary>
internal sealed class DispatchIndex(UserCode code, TypeKinds kinds)
{
    private readonly Dictionary<TypeDefinition, HashSet<TypeDefinition>> _receivers = [];
    private readonly Dictionary<TypeDefinition, HashSet<string>> _ancestors = [];
    private Dictionary<(string Name, int Arity), List<MethodDefinition>>? _byName;
    private List<TypeDefinition>? _types;
    private Dictionary<TypeDefinition, List<TypeDefinition>>? _children;

    /// <summary>The methods a call to <paramref name="declared"/> may run; empty when none is in the analysed code.</summary>
    public IReadOnlyList<MethodDefinition> Targets(MethodDefinition declared)
    {
        var receivers = Receivers(declared.DeclaringType);
        var targets = Candidates(declared.Name, declared.Parameters.Count).Where(m => receivers.Contains(m.DeclaringType)).ToList();
        if (declared.HasBody && !targets.Contains(declared))
        {
            targets.Add(declared);
        }

        return targets;
    }

    /// <summary>
    /// Overrides, in pipeline classes, of a framework or library virtual (<c>ToString</c>, <c>Pipeline.Directory</c>).
    /// Other user objects are taken whole where they are created; a pipeline is created by the loader instead.
    /// </summary>
    public IEnumerable<MethodDefinition> PipelineOverrides(MethodReference method)
    {
        var declaring = method.DeclaringType.GetElementType().FullName;
        return Candidates(method.Name, method.Parameters.Count)
            .Where(m => !m.IsStatic && kinds.IsPipeline(m.DeclaringType) && Ancestors(m.DeclaringType).Contains(declaring));
    }

    private List<MethodDefinition> Candidates(string name, int arity)
    {
        if (_byName is null)
        {
            // Built aside and published whole: a failure half-way must not leave an index that misses targets.
            var byName = new Dictionary<(string Name, int Arity), List<MethodDefinition>>();
            foreach (var method in Types().SelectMany(t => t.Methods).Where(m => m.HasBody && (m.IsVirtual || m.HasOverrides)))
            {
                var names = method.HasOverrides ? method.Overrides.Select(o => o.Name).Append(method.Name) : [method.Name];
                foreach (var key in names.Distinct().Select(n => (n, method.Parameters.Count)))
                {
                    if (!byName.TryGetValue(key, out var list))
                    {
                        byName[key] = list = [];
                    }

                    list.Add(method);
                }
            }

            _byName = byName;
        }

        return _byName.GetValueOrDefault((name, arity)) ?? [];
    }

    // The types whose methods can answer a call declared in `type`: every subtype, and what each subtype inherits from.
    private HashSet<TypeDefinition> Receivers(TypeDefinition type)
    {
        if (!_receivers.TryGetValue(type, out var receivers))
        {
            receivers = [];
            var subtypes = new HashSet<TypeDefinition> { type };
            var queue = new Queue<TypeDefinition>([type]);
            while (queue.TryDequeue(out var subtype))
            {
                for (TypeDefinition? t = subtype; t is not null && receivers.Add(t); t = UserBase(t))
                {
                }

                foreach (var child in Children().GetValueOrDefault(subtype) ?? [])
                {
                    if (subtypes.Add(child))
                    {
                        queue.Enqueue(child);
                    }
                }
            }

            _receivers[type] = receivers;
        }

        return receivers;
    }

    // Each user type's direct subtypes and implementers, so finding the subtypes of one is a walk down, not a scan.
    private Dictionary<TypeDefinition, List<TypeDefinition>> Children()
    {
        if (_children is null)
        {
            var children = new Dictionary<TypeDefinition, List<TypeDefinition>>();
            foreach (var type in Types())
            {
                var parents = type.Interfaces.Select(i => i.InterfaceType).Prepend(type.BaseType).OfType<TypeReference>();
                foreach (var parent in parents.Where(code.IsUser).Select(Definitions.Of).OfType<TypeDefinition>())
                {
                    if (!children.TryGetValue(parent, out var list))
                    {
                        children[parent] = list = [];
                    }

                    list.Add(type);
                }
            }

            _children = children;
        }

        return _children;
    }

    // The names of the classes and interfaces a pipeline class derives from, outside the user's code included: only
    // a call declared on one of them can land on the pipeline's override (Type.Name is not Pipeline.Name).
    private HashSet<string> Ancestors(TypeDefinition type)
    {
        if (!_ancestors.TryGetValue(type, out var names))
        {
            names = ["System.Object"];
            for (TypeDefinition? t = type; t is not null; t = UserBase(t))
            {
                names.UnionWith(t.Interfaces.Select(i => i.InterfaceType.GetElementType().FullName));
                if (t.BaseType is { } parent)
                {
                    names.Add(parent.GetElementType().FullName);
                }
            }

            _ancestors[type] = names;
        }

        return names;
    }

    private TypeDefinition? UserBase(TypeDefinition type) =>
        type.BaseType is { } parent && code.IsUser(parent) ? Definitions.Of(parent) : null;

    private List<TypeDefinition> Types() => _types ??= code.Modules.SelectMany(m => m.GetTypes()).ToList();
}
