using System.Reflection;
using LlmOps.Dsl;
using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// The code that is analysed method by method: the pipelines' assembly, and the assemblies declaring the base classes
/// and interfaces of its pipelines when those are neither framework nor LlmOps libraries. Everything else a stage
/// calls is an opaque dependency, identified by its assembly's fingerprint (a package upgrade re-runs the stages that
/// call the package), or nothing at all for the shared framework (it is the runtime's, not the pipeline's).
/// </summary>
internal sealed class UserCode
{
    private readonly Assembly _root;
    private readonly Dictionary<string, AssemblyDefinition> _assemblies = new(StringComparer.Ordinal);
    private readonly Dictionary<ModuleDefinition, Module> _runtimeModules = [];
    private readonly Dictionary<string, string?> _fingerprints = new(StringComparer.Ordinal);

    private UserCode(Assembly root) => _root = root;

    /// <summary>The module of the pipelines' assembly.</summary>
    public ModuleDefinition RootModule { get; private set; } = null!;

    /// <summary>Every analysed module.</summary>
    public IEnumerable<ModuleDefinition> Modules => _assemblies.Values.Select(a => a.MainModule);

    /// <summary>Reads <paramref name="root"/> and the user assemblies beside it; throws <see cref="UnanalysableException"/> when it has no file.</summary>
    public static UserCode Read(Assembly root)
    {
        var code = new UserCode(root);
        var resolver = new Resolver(code._assemblies);
        code.RootModule = code.Add(root, resolver);
        foreach (var assembly in BaseAssemblies(root))
        {
            code.Add(assembly, resolver);
        }

        return code;
    }

    /// <summary>Whether <paramref name="type"/> is declared in analysed code.</summary>
    public bool IsUser(TypeReference type) => type.GetElementType().Scope switch
    {
        ModuleDefinition module => _runtimeModules.ContainsKey(module),
        AssemblyNameReference name => _assemblies.ContainsKey(name.Name),
        ModuleReference => true,
        _ => false,
    };

    /// <summary>
    /// For a type outside the analysed code: <c>name=fingerprint</c> of its assembly and that assembly's own
    /// non-framework references, or null for the shared framework.
    /// </summary>
    public string? Fingerprint(TypeReference type) =>
        type.GetElementType().Scope is AssemblyNameReference name ? Fingerprint(name.Name, () => CodeFingerprint.Load(_root, new AssemblyName(name.FullName))) : null;

    /// <summary>The same for an assembly known by reflection (a stage body that is a library method).</summary>
    public string? Fingerprint(Assembly assembly) => Fingerprint(assembly.GetName().Name ?? "", () => assembly);

    /// <summary>The analysed definition of a method known by reflection, or null when it is not analysed code.</summary>
    public MethodDefinition? Find(MethodBase method)
    {
        var module = _runtimeModules.FirstOrDefault(m => m.Value.ModuleVersionId == method.Module.ModuleVersionId).Key;
        return module?.LookupToken(method.MetadataToken) as MethodDefinition;
    }

    /// <summary>The runtime module of an analysed one, for what metadata alone does not say (is a field's type a delegate?).</summary>
    public Module RuntimeModule(ModuleDefinition module) => _runtimeModules[module];

    /// <summary>The key under which reflection's <see cref="MemberInfo"/> and Cecil's definition meet.</summary>
    public static (Guid Module, int Token) KeyOf(MemberInfo member) => (member.Module.ModuleVersionId, member.MetadataToken);

    /// <summary>The same key for a Cecil definition.</summary>
    public static (Guid Module, int Token) KeyOf(IMemberDefinition member) => (((MemberReference)member).Module.Mvid, member.MetadataToken.ToInt32());

    private string? Fingerprint(string name, Func<Assembly?> load)
    {
        if (!_fingerprints.TryGetValue(name, out var fingerprint))
        {
            var assembly = load();
            fingerprint = assembly is null ? $"{name}=missing" : CodeFingerprint.IsFramework(assembly) ? null : $"{name}={CodeFingerprint.Of(assembly)}";
            _fingerprints[name] = fingerprint;
        }

        return fingerprint;
    }

    private ModuleDefinition Add(Assembly assembly, Resolver resolver)
    {
        if (assembly.IsDynamic || assembly.Location.Length == 0 || !File.Exists(assembly.Location))
        {
            throw new UnanalysableException($"the assembly {assembly.GetName().Name} has no file to read its code from");
        }

        AssemblyDefinition definition;
        try
        {
            // Read from memory: no file stays open, so a test's temporary assembly can be deleted.
            var parameters = new ReaderParameters { AssemblyResolver = resolver, ReadingMode = ReadingMode.Deferred, ReadSymbols = false };
            definition = AssemblyDefinition.ReadAssembly(new MemoryStream(File.ReadAllBytes(assembly.Location)), parameters);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            throw new UnanalysableException($"the assembly {assembly.GetName().Name} could not be read ({e.Message})");
        }

        _assemblies[definition.Name.Name] = definition;
        _runtimeModules[definition.MainModule] = assembly.ManifestModule;
        return definition.MainModule;
    }

    // Base classes and interfaces of the pipelines that live in the user's own libraries are the user's code too.
    private static IEnumerable<Assembly> BaseAssemblies(Assembly root)
    {
        Type?[] types;
        try
        {
            types = root.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types.OfType<Type>()
            .Where(t => typeof(Pipeline).IsAssignableFrom(t))
            .SelectMany(t => Bases(t).Concat(t.GetInterfaces()))
            .Select(t => t.Assembly)
            .Where(a => a != root && !CodeFingerprint.IsFramework(a) && a.GetName().Name?.StartsWith("LlmOps.", StringComparison.Ordinal) != true)
            .Distinct();
    }

    private static IEnumerable<Type> Bases(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }

    // Only analysed assemblies are ever resolved; anything else is identified by name and fingerprint instead.
    private sealed class Resolver(Dictionary<string, AssemblyDefinition> assemblies) : IAssemblyResolver
    {
        public AssemblyDefinition Resolve(AssemblyNameReference name) =>
            assemblies.TryGetValue(name.Name, out var assembly) ? assembly : throw new AssemblyResolutionException(name);

        public AssemblyDefinition Resolve(AssemblyNameReference name, ReaderParameters parameters) => Resolve(name);

        public void Dispose()
        {
        }
    }
}
