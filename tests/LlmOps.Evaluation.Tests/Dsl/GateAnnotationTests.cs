using LlmOps.Evaluation.Tests.Pipelines;

namespace LlmOps.Evaluation.Tests.Dsl;

public sealed class GateAnnotationTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void A_failed_gate_rule_is_annotated_on_the_pipeline_line_that_declared_it()
    {
        var (code, _, _) = _root.Run(typeof(GatedPipeline), "Evaluate", "--quality", "0.6");

        Assert.Equal(1, code);
        var declared = File.ReadAllLines(Path.Combine(SourceFolder(), "Pipelines", "GatedPipeline.cs"))
            .Select((text, index) => (text, line: index + 1)).First(l => l.text.Contains(".Gate(g => g.AtLeast(", StringComparison.Ordinal)).line;
        Assert.Matches($@"GatedPipeline\.cs:{declared}: error: gate rule min-accuracy (fail|inconclusive): ", _root.StageLog("Evaluate"));
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(Path.GetDirectoryName(file))!;
}
