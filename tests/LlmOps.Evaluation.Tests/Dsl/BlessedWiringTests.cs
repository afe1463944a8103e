using LlmOps.Dsl;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmOps.Evaluation.Tests.Dsl;

/// <summary>Compiles pipeline code with Roslyn against the real assemblies, as the pipeline author's build would.</summary>
public sealed class BlessedWiringTests
{
    private const string Pipeline = """
        using LlmOps.Dsl;
        using LlmOps.Evaluation;

        public static class Packaging
        {
            public static void Pack(Blessed<ModelArtifact> model, PackageArtifact package) { }
        }

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
                .Consumes(WIRED)
                .Produces(Package)
                .Executes(ctx => Packaging.Pack(ctx.Input(WIRED), ctx.Output(Package)));
        }
        """;

    [Fact]
    public void Packaging_the_model_the_gate_blessed_compiles()
    {
        var diagnostics = Compile(Pipeline.Replace("WIRED", "Approved", StringComparison.Ordinal));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Packaging_a_model_no_gate_passed_is_a_compile_error()
    {
        var diagnostics = Compile(Pipeline.Replace("WIRED", "Model", StringComparison.Ordinal));

        var error = Assert.Single(diagnostics);
        Assert.Equal("CS1503", error.Id);
        Assert.Contains("LlmOps.Dsl.ModelArtifact", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("LlmOps.Evaluation.Blessed<LlmOps.Dsl.ModelArtifact>", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_gate_can_only_bless_the_kind_of_model_it_evaluates()
    {
        var source = Pipeline.Replace("WIRED", "Approved", StringComparison.Ordinal)
            .Replace("Artifact<Blessed<ModelArtifact>> Approved", "Artifact<Blessed<DatasetArtifact>> Approved", StringComparison.Ordinal);

        Assert.Contains(Compile(source), d => d.Id == "CS1503");
    }

    private static List<Diagnostic> Compile(string source)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Pipeline).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Blessed<>).Assembly.Location))
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
