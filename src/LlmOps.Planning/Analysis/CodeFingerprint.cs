using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace LlmOps.Planning;

/// <summary>
/// The code of a whole assembly, as a hash of the module version ids of the assembly and every assembly it references
/// outside the shared framework (NuGet packages included). Builds are deterministic, so the ids change exactly when
/// the compiled code does. A stage is keyed on this when its own code cannot be analysed (see
/// <see cref="StageCodeAnalysis"/>), and calls into a package contribute that package's fingerprint.
/// </summary>
internal static class CodeFingerprint
{
    // Weak, so that an assembly in a collectible load context can still be unloaded.
    private static readonly ConditionalWeakTable<Assembly, string> Cache = new();

    private static readonly string FrameworkDirectory = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());

    /// <summary>The fingerprint of <paramref name="assembly"/> and its non-framework references.</summary>
    public static string Of(Assembly assembly) => Cache.GetValue(assembly, Compute);

    /// <summary>
    /// Whether <paramref name="assembly"/> belongs to the shared framework: the runtime's, not the pipeline's. Packages
    /// such as Microsoft.ML are the pipeline's even when their names start with "Microsoft", so an upgrade of one
    /// re-runs the stages that call it.
    /// </summary>
    public static bool IsFramework(Assembly assembly) =>
        assembly.IsDynamic || assembly.Location.Length == 0 || Path.GetFullPath(assembly.Location).StartsWith(FrameworkDirectory, StringComparison.Ordinal);

    /// <summary>Loads <paramref name="name"/> the way <paramref name="from"/> sees it (its load context), or null.</summary>
    public static Assembly? Load(Assembly from, AssemblyName name)
    {
        try
        {
            return (AssemblyLoadContext.GetLoadContext(from) ?? AssemblyLoadContext.Default).LoadFromAssemblyName(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static string Compute(Assembly root)
    {
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([root]);
        while (queue.TryDequeue(out var assembly))
        {
            var name = assembly.GetName().Name ?? "";
            if (!seen.TryAdd(name, assembly.ManifestModule.ModuleVersionId.ToString("N")))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name is not null && !seen.ContainsKey(r.Name)))
            {
                if (Load(assembly, reference) is not { } loaded)
                {
                    seen.TryAdd(reference.Name!, "missing");
                }
                else if (!IsFramework(loaded))
                {
                    queue.Enqueue(loaded);
                }
            }
        }

        return Digest.Of(string.Join("\n", seen.Select(kv => $"{kv.Key}={kv.Value}")));
    }
}
