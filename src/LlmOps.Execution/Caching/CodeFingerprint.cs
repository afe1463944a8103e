using System.Collections.Concurrent;
using System.Reflection;

namespace LlmOps.Execution;

/// <summary>
/// The code a stage runs, as a hash of the module version ids of the pipeline's assembly and every non-framework assembly
/// it references. Builds are deterministic, so the ids change exactly when the compiled code does. It is coarse (any
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

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => IsOurs(r.Name)))
            {
                try
                {
                    queue.Enqueue(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    seen.TryAdd(reference.Name!, "missing");
                }
            }
        }

        return ContentHash.OfText(string.Join("\n", seen.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    private static bool IsOurs(string? name) =>
        name is not null && !name.StartsWith("System", StringComparison.Ordinal) && !name.StartsWith("Microsoft", StringComparison.Ordinal)
        && !name.StartsWith("netstandard", StringComparison.Ordinal) && !name.StartsWith("mscorlib", StringComparison.Ordinal);
}
