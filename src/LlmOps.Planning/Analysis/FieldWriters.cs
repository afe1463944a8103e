using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LlmOps.Planning;

/// <summary>
/// Which methods of the analysed code write each field (store it or take its address). What a field holds when a
/// stage reads it comes from these, initializers included, so they belong to the stage's code. For a delegate field,
/// whether every value stored is a lambda or method created right there: a value passed in from elsewhere (an
/// auto-property's setter, an event's add accessor) cannot be followed.
/// </summary>
internal sealed class FieldWriters(UserCode code, CallerIndex callers)
{
    private readonly Dictionary<FieldDefinition, List<MethodDefinition>> _shared = [];
    private Dictionary<FieldDefinition, List<(MethodDefinition Method, Instruction Store)>>? _index;

    /// <summary>The methods that write <paramref name="field"/>.</summary>
    public IEnumerable<MethodDefinition> Of(FieldDefinition field) => Stores(field).Select(s => s.Method).Distinct();

    /// <summary>
    /// For state every stage shares (a static field, a field of the pipeline object): its writers, and, since a
    /// writer with parameters (a setter) stores what it is given, their callers, up to methods that take none. An
    /// object's own fields need not go up: its values come from whoever created it, which the reader reaches anyway.
    /// </summary>
    public IReadOnlyList<MethodDefinition> OfShared(FieldDefinition field)
    {
        if (!_shared.TryGetValue(field, out var methods))
        {
            var seen = Of(field).ToHashSet();
            var queue = new Queue<MethodDefinition>(seen);
            while (queue.TryDequeue(out var method))
            {
                if (method.HasParameters)
                {
                    foreach (var caller in callers.Of(method).Where(seen.Add))
                    {
                        queue.Enqueue(caller);
                    }
                }
            }

            _shared[field] = methods = [.. seen];
        }

        return methods;
    }

    /// <summary>The first writer of the delegate field <paramref name="field"/> that stores a value from elsewhere, or null.</summary>
    public MethodDefinition? UntracedWriter(FieldDefinition field) => Stores(field).FirstOrDefault(s => !IsCreatedInPlace(s.Store)).Method;

    private List<(MethodDefinition Method, Instruction Store)> Stores(FieldDefinition field) =>
        Build().GetValueOrDefault(field) ?? [];

    private Dictionary<FieldDefinition, List<(MethodDefinition, Instruction)>> Build()
    {
        if (_index is not null)
        {
            return _index;
        }

        // Built aside and published whole: a failure half-way must not leave an index that misses writers.
        var index = new Dictionary<FieldDefinition, List<(MethodDefinition, Instruction)>>();
        foreach (var method in code.Modules.SelectMany(m => m.GetTypes()).SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.Code is Code.Stfld or Code.Stsfld or Code.Ldflda or Code.Ldsflda
                    && instruction.Operand is FieldReference reference
                    && code.IsUser(reference.DeclaringType)
                    && Definitions.Of(reference) is { } field)
                {
                    if (!index.TryGetValue(field, out var stores))
                    {
                        index[field] = stores = [];
                    }

                    stores.Add((method, instruction));
                }
            }
        }

        return _index = index;
    }

    // The shapes the compiler gives `field = x => ...` (also through the cached-lambda field), `field = Method`,
    // `field = null`, a copy of another user field (checked where that one is read), or a user method's result.
    private bool IsCreatedInPlace(Instruction store)
    {
        if (store.OpCode.Code is Code.Ldflda or Code.Ldsflda)
        {
            return false;
        }

        var value = store.Previous;
        while (value is not null && (value.OpCode.Code == Code.Dup || (value.OpCode.Code == Code.Stsfld && value.Operand is FieldReference cache && IsGenerated(cache))))
        {
            value = value.Previous;
        }

        return value?.OpCode.Code switch
        {
            Code.Ldnull => true,
            Code.Newobj => value.Previous?.OpCode.Code is Code.Ldftn or Code.Ldvirtftn,
            Code.Ldfld or Code.Ldsfld => value.Operand is FieldReference source && code.IsUser(source.DeclaringType),
            Code.Call or Code.Callvirt => value.Operand is MethodReference method && code.IsUser(method.DeclaringType),
            _ => false,
        };
    }

    private bool IsGenerated(FieldReference field) =>
        code.IsUser(field.DeclaringType) && Definitions.Of(field) is { } definition && TypeKinds.IsGenerated(definition.DeclaringType);

}
