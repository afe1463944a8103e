using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LlmOps.Planning;

/// <summary>
/// Which methods of the analysed code call (or take a delegate to) each method. Needed where a value flows the other
/// way, from callers into shared state: a static property's setter stores what its callers pass.
/// </summary>
internal sealed class CallerIndex(UserCode code)
{
    private Dictionary<MethodDefinition, List<MethodDefinition>>? _callers;
    private Dictionary<(string Name, int Arity), List<MethodDefinition>>? _virtualCallers;

    /// <summary>
    /// The methods that may call <paramref name="method"/>: direct callers, and for a virtual method every caller of a
    /// virtual method of the same name and arity (the call may dispatch to it).
    /// </summary>
    public IEnumerable<MethodDefinition> Of(MethodDefinition method)
    {
        Build();
        var direct = _callers!.GetValueOrDefault(method) ?? [];
        return method.IsVirtual ? direct.Concat(_virtualCallers!.GetValueOrDefault((method.Name, method.Parameters.Count)) ?? []) : direct;
    }

    private void Build()
    {
        if (_callers is not null)
        {
            return;
        }

        var callers = new Dictionary<MethodDefinition, List<MethodDefinition>>();
        var virtualCallers = new Dictionary<(string, int), List<MethodDefinition>>();
        foreach (var method in code.Modules.SelectMany(m => m.GetTypes()).SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj or Code.Ldftn or Code.Ldvirtftn or Code.Jmp
                    && instruction.Operand is MethodReference reference
                    && code.IsUser(reference.DeclaringType)
                    && Definitions.Of(reference) is { } callee)
                {
                    Add(callers, callee, method);
                    if (callee.IsVirtual)
                    {
                        Add(virtualCallers, (callee.Name, callee.Parameters.Count), method);
                    }
                }
            }
        }

        // Published whole: a failure half-way must not leave an index that misses callers.
        _virtualCallers = virtualCallers;
        _callers = callers;
    }

    private static void Add<TKey>(Dictionary<TKey, List<MethodDefinition>> index, TKey key, MethodDefinition method)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(method);
    }

}
