using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmOps.Core.Tests.Analysis;

/// <summary>
/// One version of a pipelines assembly, compiled in the test from source the way a Release build compiles it
/// (optimized, deterministic) into a temporary file, and loaded into a collectible context of its own that shares
/// LlmOps with the tests. Two variants of the same source are two builds of the same project.
/// </summary>
internal sealed class Variant : IDisposable
{
    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading.Tasks;
        global using LlmOps.Dsl;

        """;

    // The shared framework and LlmOps.Dsl: what a pipelines project compiles against.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework)
            .Append(typeof(Pipeline).Assembly.Location);
        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    });

    private readonly AssemblyLoadContext _context;
    private readonly string _directory;

    private Variant(string source, string name)
    {
        _directory = Path.Combine(Path.GetTempPath(), "llmops-core-tests", "variant-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, name + ".dll");
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, deterministic: true, allowUnsafe: true));
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException("The variant does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        _context = new Context();
        Assembly = _context.LoadFromAssemblyPath(path);
    }

    public Assembly Assembly { get; }

    /// <summary>The concrete pipeline classes in the variant, in name order.</summary>
    public Type[] Pipelines => [.. Assembly.GetTypes().Where(t => typeof(Pipeline).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static Variant Compile(string source, string name = "Variant") => new(source, name);

    /// <summary>Every stage of every pipeline in the variant, loaded with default parameters, by id (<c>Flow.Train</c>).</summary>
    public IReadOnlyDictionary<string, StageCodeAnalysis> Analyse()
    {
        var models = PipelineLoader.LoadAll(Pipelines, ParameterSources.Empty(_directory));
        return models.SelectMany(m => m.Stages).ToDictionary(s => s.Id, StageCodeAnalysis.Of);
    }

    /// <summary>The analyses of each stage in two variants of a source.</summary>
    public static (IReadOnlyDictionary<string, StageCodeAnalysis> Before, IReadOnlyDictionary<string, StageCodeAnalysis> After) Compare(string before, string after)
    {
        using var first = Compile(before);
        using var second = Compile(after);
        return (first.Analyse(), second.Analyse());
    }

    public void Dispose()
    {
        _context.Unload();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // Everything but the variant itself comes from the default context, so LlmOps types are the tests' own.
    private sealed class Context() : AssemblyLoadContext("llmops-variant", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
