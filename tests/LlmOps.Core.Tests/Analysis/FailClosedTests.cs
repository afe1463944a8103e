namespace LlmOps.Core.Tests.Analysis;

/// <summary>Where the analysis cannot follow the code, the stage is keyed on the whole assembly and says why.</summary>
public sealed class FailClosedTests
{
    [Theory]
    [InlineData(
        "reflection",
        "Sink.Use(Activator.CreateInstance(typeof(Sink).Assembly.GetType(\"Model\")!)!);",
        "",
        "reflection call Activator.CreateInstance in a lambda in OpaquePipeline.Train cannot be followed")]
    [InlineData(
        "reflection reading a field",
        "Sink.Use(typeof(Sink).GetField(\"Level\")!.GetValue(null)!);",
        "",
        "reflection call FieldInfo.GetValue in a lambda in OpaquePipeline.Train cannot be followed")]
    [InlineData(
        "dynamic",
        "dynamic d = ctx.StageName; Sink.Use((object)d.Length);",
        "",
        "dynamic call Binder.GetMember in a lambda in OpaquePipeline.Train cannot be followed")]
    [InlineData(
        "a delegate property set from elsewhere",
        "Sink.Use(Hooks.Score(1));",
        "public static class Hooks { public static Func<int, int> Score { get; set; } = x => x; }",
        "delegate field Hooks.Score read in Hooks.Score cannot be followed (the setter of Hooks.Score stores a value from elsewhere in it)")]
    [InlineData(
        "an interface nothing implements",
        "Sink.Use(Scoring.Evaluate(null));",
        "public interface IScorer { int Score(); } public static class Scoring { public static int Evaluate(IScorer? s) => s?.Score() ?? 0; }",
        "interface call IScorer.Score in Scoring.Evaluate cannot be resolved (no implementation in the analysed code)")]
    public void Code_that_cannot_be_followed_keys_the_stage_on_the_whole_assembly_with_the_reason(string shape, string body, string other, string reason)
    {
        using var variant = Variant.Compile(Source(body, other));

        var train = variant.Analyse()["Opaque.Train"];
        var validate = variant.Analyse()["Opaque.Validate"];

        Assert.False(train.IsComplete, shape);
        Assert.Contains(train.Reasons, r => r.StartsWith(reason, StringComparison.Ordinal));
        Assert.StartsWith("assembly:", train.CodeHash, StringComparison.Ordinal);
        Assert.StartsWith($"keyed on the whole assembly Variant ({reason}", train.WholeAssemblyNote, StringComparison.Ordinal);
        Assert.True(validate.IsComplete, validate.WholeAssemblyNote);
    }

    [Fact]
    public void A_stage_keyed_on_the_whole_assembly_changes_with_any_edit_to_it()
    {
        const string Body = "Sink.Use(Activator.CreateInstance(typeof(Sink))!);";
        const string Other = "public static class Elsewhere { public static int Value() => 1; }";

        var (before, after) = Variant.Compare(Source(Body, Other), Source(Body, Other.Edit("=> 1", "=> 2")));

        Assert.NotEqual(before["Opaque.Train"].CodeHash, after["Opaque.Train"].CodeHash);
        Assert.Equal(before["Opaque.Validate"].CodeHash, after["Opaque.Validate"].CodeHash);
    }

    private static string Source(string body, string other) => $$"""
        #nullable enable
        public sealed class OpaquePipeline : Pipeline
        {
            Stage Validate => _ => _.Executes(ctx => Sink.Use(ctx.StageName));

            Stage Train => _ => _.Executes(ctx => { {{body}} });
        }

        public static class Sink
        {
            public static int Level = 1;

            public static void Use(object value) => GC.KeepAlive(value);
        }

        {{other}}
        """;
}
