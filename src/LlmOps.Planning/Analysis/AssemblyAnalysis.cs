using System.Reflection;
using System.Runtime.CompilerServices;
using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// The analysis of one pipelines assembly, kept for the life of the assembly so every stage (and every later load of
/// the same pipelines) shares the per-method results. Cecil is not thread-safe, and stages' keys are built in
/// parallel, so one stage is analysed at a time.
/// </summary>
internal sealed class AssemblyAnalysis
{
    private static readonly ConditionalWeakTable<Assembly, AssemblyAnalysis> All = new();

    private readonly Assembly _assembly;
    private readonly Lock _gate = new();
    private UserCode? _code;
    private CodeGraph? _graph;
    private string? _unreadable;

    private AssemblyAnalysis(Assembly assembly) => _assembly = assembly;

    /// <summary>The analysis of <paramref name="assembly"/>.</summary>
    public static AssemblyAnalysis For(Assembly assembly) => All.GetValue(assembly, a => new AssemblyAnalysis(a));

    /// <summary>What the methods <paramref name="roots"/> reach, together.</summary>
    public RootsAnalysis Analyse(IEnumerable<MethodInfo> roots)
    {
        lock (_gate)
        {
            try
            {
                return Analyse(Open(), roots);
            }
            catch (UnanalysableException e)
            {
                return RootsAnalysis.Unanalysable(e.Message);
            }
            catch (Exception e) when (e is AssemblyResolutionException or InvalidOperationException or NotSupportedException or BadImageFormatException or ArgumentException)
            {
                // A shape of IL this code has not met: key the stage on the whole assembly rather than guess.
                return RootsAnalysis.Unanalysable($"analysing its code failed ({e.GetType().Name}: {e.Message})");
            }
        }
    }

    private RootsAnalysis Analyse((UserCode Code, CodeGraph Graph) analysis, IEnumerable<MethodInfo> roots)
    {
        var hashes = new List<string>();
        var parameters = new HashSet<(Guid, int)>();
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            if (analysis.Code.Find(root) is { } method)
            {
                var node = analysis.Graph.Of(method);
                hashes.Add(node.Hash);
                parameters.UnionWith(node.ParametersRead.Select(UserCode.KeyOf));
                reasons.UnionWith(node.Reasons);
            }
            else if (root.DeclaringType is null)
            {
                reasons.Add($"its body {root.Name} is a dynamic method, whose code cannot be read");
            }
            else
            {
                // A library method given as the body (Executes(Library.Run)): its assembly's fingerprint stands for it.
                hashes.Add($"{root.DeclaringType.FullName}::{root} in {analysis.Code.Fingerprint(root.Module.Assembly)}");
            }
        }

        return new RootsAnalysis(Digest.Of(string.Join("\n", hashes)), parameters, reasons.ToList());
    }

    private (UserCode, CodeGraph) Open()
    {
        if (_unreadable is not null)
        {
            throw new UnanalysableException(_unreadable);
        }

        if (_code is null || _graph is null)
        {
            try
            {
                var code = UserCode.Read(_assembly);
                var kinds = new TypeKinds(code);
                var methods = new MethodScanner(code, kinds, new TypeUses(code, kinds), new ParameterReads(code), new DispatchIndex(code, kinds), new FieldWriters(code, new CallerIndex(code)));
                var types = new TypeShapeScanner(code, kinds);
                _graph = new CodeGraph(member => member is TypeDefinition type ? types.Scan(type) : methods.Scan((MethodDefinition)member));
                _code = code;
            }
            catch (UnanalysableException e)
            {
                _unreadable = e.Message;
                throw;
            }
        }

        return (_code, _graph);
    }
}
