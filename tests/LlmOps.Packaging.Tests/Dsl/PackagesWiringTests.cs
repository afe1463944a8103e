using LlmOps.Dsl;
using LlmOps.Evaluation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmOps.Packaging.Tests.Dsl;

/// <summary>Compiles pipeline code with Roslyn against the real assemblies: only a model a gate blessed can be packaged.</summary>
public sealed class PackagesWiringTests
{
    private const string Pipeline = """
        using LlmOps.Dsl;
        using LlmOps.Evaluation;
        using LlmOps.Packaging;

        public sealed class ReleasePipeline : Pipeline
        {
            Artifact<DatasetArtifact> EvalSet => new("eval-set");
            Artifact<ModelArtifact> Model => new("model");
            Artifact<Blessed<ModelArtifact>> Approved => new("approved");
            Artifact<PackageArtifact> Package => new("package");

            Stage Evaluate => _ => _
                .Evaluates(Model, on: EvalSet)
                .PredictsWith((model, examples) => examples.Select(e => new Prediction(e.Input)).ToList())
                .Metrics(m => m.Accuracy())
                .Gate(g => g.AtLeast(Metric.Accuracy, 0.9))
                .Blesses(Approved);

            Stage Pack => _ => _
                .Packages(WIRED)
                .Named("release")
                .ModelCard(c => c.License("apache-2.0"))
                .Produces(Package);
        }
        """;

    [Fact]
    public void Packaging_the_model_the_gate_blessed_compiles()
    {
        Assert.Empty(Compile(Pipeline.Replace("WIRED", "Approved", StringComparison.Ordinal)));
    }

    [Fact]
    public void Packaging_a_model_no_gate_passed_is_a_compile_error()
    {
        var error = Assert.Single(Compile(Pipeline.Replace("WIRED", "Model", StringComparison.Ordinal)));

        Assert.Equal("CS1503", error.Id);
        Assert.Contains("LlmOps.Evaluation.Blessed<LlmOps.Dsl.ModelArtifact>", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static List<Diagnostic> Compile(string source)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Pipeline).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Blessed<>).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(PackagingStageExtensions).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(LlmOps.Runtime.AtomicFile).Assembly.Location))
            .DistinctBy(r => r.Display);
        var compilation = CSharpCompilation.Create(
            "ReleasePipeline",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)), CSharpSyntaxTree.ParseText("global using System; global using System.Linq; global using System.Collections.Generic;")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }
}
