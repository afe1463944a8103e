using System.Collections.Concurrent;
using System.Reflection;

namespace LlmOps.Execution;

/// <summary>
/// The code a stage runs, as a hash of the module version ids of the pipeline's assembly and every assembly it
/// references outside the shared framework (NuGet packages included). Builds are deterministic, so the ids change exactly when the compiled code does. It is coarse (any
/// change to the pipeline assembly re-runs its stages) but sound, which matters more for a cache.
/// </summary>
public static class CodeFingerprint
{
    private static readonly ConcurrentDictionary<Assembly, string> Cache = new();

    /// <summary>The fingerprint of <paramref name="assembly"/> and its non-framework references.</summary>
    public static string Of(Assembly assembly) => Cache.GetOrAdd(assembly, Compute);

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
                try
                {
                    var loaded = Assembly.Load(reference);
                    if (!IsFramework(loaded))
                    {
                        queue.Enqueue(loaded);
                    }
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    seen.TryAdd(reference.Name!, "missing");
                }
            }
        }

        return ContentHash.OfText(string.Join("\n", seen.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    // The shared framework is the runtime's, not the pipeline's; packages such as Microsoft.ML are the pipeline's
    // even when their names start with "Microsoft", so an upgrade of one re-runs the stages.
    private static readonly string FrameworkDirectory = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());

    private static bool IsFramework(Assembly assembly) =>
        assembly.Location.Length == 0 || Path.GetFullPath(assembly.Location).StartsWith(FrameworkDirectory, StringComparison.Ordinal);
}
