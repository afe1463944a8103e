using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace LlmOps.Planning;

/// <summary>
/// Finds which parameters a stage's definition and body read, so that only those enter its cache key: changing
/// <c>--epochs</c> re-runs Train but not Validate. It walks the IL of the body, of compiler-generated closures
/// and state machines, and of the pipeline's own helper methods, collecting reads of parameter members.
/// Anything it cannot see (reflection, other assemblies) is declared with <c>UsesParameters</c>.
/// </summary>
public static class ParameterUsage
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    // The IL of a stage does not change while the process runs; the key builder, the tracker and the emitters ask often.
    private static readonly ConditionalWeakTable<StageModel, IReadOnlyList<string>> Cache = new();

    /// <summary>The parameters of <paramref name="stage"/>'s pipeline that the stage reads, by member name, ordinal order.</summary>
    public static IReadOnlyList<string> Of(StageModel stage) => Cache.GetValue(stage, Analyse);

    private static IReadOnlyList<string> Analyse(StageModel stage)
    {
        var parameterMembers = stage.Pipeline.Parameters.Select(p => p.Member).ToHashSet();
        var used = new HashSet<string>(stage.Definition.DeclaredParameters);
        var walker = new Walker(stage.Pipeline.Type.Assembly, parameterMembers, used);
        if (stage.Definition.ActionBody is { } body)
        {
            walker.Walk(body.Method);
        }

        // What the definition reads (InContainer's command, Rules' thresholds, a branch on a parameter) changes the
        // stage as much as its body: it enters the key and the CI step's environment too.
        if (stage.DefinitionMethod is { } definition)
        {
            walker.Walk(definition);
        }

        return used.Order(StringComparer.Ordinal).ToList();
    }

    private sealed class Walker(Assembly assembly, HashSet<MemberInfo> parameters, HashSet<string> used)
    {
        private readonly HashSet<MethodBase> _visited = [];

        // Parameter properties by their getter: looking them up per call would list every property of the pipeline.
        private readonly Lazy<Dictionary<MethodBase, PropertyInfo>> _getters = new(() => parameters.OfType<PropertyInfo>()
            .Where(p => p.GetMethod is not null)
            .ToDictionary(p => (MethodBase)p.GetMethod!, p => p));
        private readonly Queue<MethodBase> _queue = new();

        public void Walk(MethodBase root)
        {
            _queue.Enqueue(root);
            while (_queue.TryDequeue(out var method))
            {
                if (_visited.Add(method))
                {
                    Scan(method);
                }
            }
        }

        private void Scan(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                return;
            }

            var module = method.Module;
            var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var position = 0;
            while (position < il.Length)
            {
                short value = il[position++];
                if (value == 0xFE && position < il.Length)
                {
                    value = (short)(0xFE00 | il[position++]);
                }

                if (!OpCodesByValue.TryGetValue(value, out var opCode))
                {
                    return;
                }

                var operandSize = OperandSize(opCode.OperandType, il, position);
                if (opCode.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok)
                {
                    var token = BitConverter.ToInt32(il, position);
                    Visit(module, token, typeArgs, methodArgs);
                }

                position += operandSize;
            }
        }

        private void Visit(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
        {
            MemberInfo? member;
            try
            {
                member = module.ResolveMember(token, typeArgs, methodArgs);
            }
            catch (ArgumentException)
            {
                return;
            }

            switch (member)
            {
                case FieldInfo field when parameters.Contains(field):
                    used.Add(field.Name);
                    break;
                // The shared "<>c" class caches every non-capturing lambda of the pipeline in "<>9..." fields; the IL that
                // reads one also loads the lambda itself (ldftn), so only closures (display classes) are walked whole.
                case FieldInfo field when field.Name.StartsWith("<>9", StringComparison.Ordinal):
                    break;
                case FieldInfo field when IsCompilerGenerated(field.DeclaringType):
                    EnqueueAll(field.DeclaringType!);
                    break;
                // Another stage's property (DependsOn(Validate)) leads to that stage's definition, not to this one's.
                case MethodInfo method when method.ReturnType == typeof(Dsl.Stage):
                    break;
                case MethodBase method when method.DeclaringType?.Assembly == assembly:
                    if (_getters.Value.TryGetValue(method, out var property))
                    {
                        used.Add(property.Name);
                    }
                    else
                    {
                        _queue.Enqueue(method);
                        if (IsCompilerGenerated(method.DeclaringType))
                        {
                            EnqueueAll(method.DeclaringType!);
                        }
                    }

                    break;
                case Type type when IsCompilerGenerated(type):
                    EnqueueAll(type);
                    break;
            }
        }

        private void EnqueueAll(Type type)
        {
            // "<>c" holds every non-capturing lambda of the pipeline: walking all of them for each stage would
            // attribute other stages' code to this one (and cost n² on big pipelines). The ones used are reached
            // directly through their ldftn.
            if (type.Assembly != assembly || type.Name == "<>c")
            {
                return;
            }

            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                _queue.Enqueue(method);
            }
        }

        private static bool IsCompilerGenerated(Type? type) =>
            type is not null && (type.IsDefined(typeof(CompilerGeneratedAttribute), false) || type.Name.Contains('<'));
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };
}
