using System.Reflection;

namespace LlmOps.Cli;

/// <summary>
/// Finds the commands that libraries contribute (a stage kind's <c>Verify</c>, <c>Audit</c> or <c>Rollback</c>): public,
/// concrete <see cref="ICliCommand"/> classes with a public parameterless constructor, in the assemblies the pipelines
/// reference, directly or not. Only assemblies that reference this one can hold a command, so the walk opens no
/// others' types, and the CLI never names a library.
/// </summary>
public static class CommandDiscovery
{
    /// <summary>The commands in the reference closure of the pipelines' assemblies, ordered by name.</summary>
    public static IReadOnlyList<ICliCommand> Find(IEnumerable<Type> pipelines) =>
        Contributions<ICliCommand>(pipelines).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The contributions of type <typeparamref name="T"/> (commands, <see cref="IVerifyTarget"/>s) found the same way, in discovery order.</summary>
    public static IReadOnlyList<T> Contributions<T>(IEnumerable<Type> pipelines)
        where T : class
    {
        var cli = typeof(ICliCommand).Assembly.GetName().Name;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(pipelines.Select(p => p.Assembly).Distinct());
        var found = new List<T>();
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.GetName().Name ?? assembly.FullName ?? ""))
            {
                continue;
            }

            var references = assembly.GetReferencedAssemblies();
            if (references.Any(r => r.Name == cli))
            {
                found.AddRange(InstancesIn<T>(assembly));
            }

            foreach (var reference in references.Where(r => !seen.Contains(r.Name ?? "") && !IsFramework(r)))
            {
                if (TryLoad(reference) is { } loaded)
                {
                    pending.Enqueue(loaded);
                }
            }
        }

        return found;
    }

    private static IEnumerable<T> InstancesIn<T>(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (T)Activator.CreateInstance(t)!);

    // The runtime's and well-known packages' assemblies hold no commands; skipping them keeps the walk short.
    private static bool IsFramework(AssemblyName name) =>
        name.Name is null || name.Name.StartsWith("System", StringComparison.Ordinal) || name.Name.StartsWith("Microsoft.", StringComparison.Ordinal)
        || name.Name is "mscorlib" or "netstandard";

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null; // an optional dependency that is not deployed holds no command this run can use
        }
    }
}
