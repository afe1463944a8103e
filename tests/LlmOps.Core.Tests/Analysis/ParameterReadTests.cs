namespace LlmOps.Core.Tests.Analysis;

/// <summary>Each way of reading a parameter is found, and a stage lists exactly the parameters it reads.</summary>
public sealed class ParameterReadTests
{
    private const string Source = """
        using System.Reflection;

        public interface IHasLabel
        {
            string Label { get; }
        }

        public sealed class ReadsPipeline : ReadsBase, IHasLabel
        {
            [Parameter("a")] readonly int Epochs = 3;
            [Parameter("b")] readonly double Rate = 0.1;
            [Parameter("c")] public string Label { get; set; } = "x";
            [Parameter("d")] readonly bool Flag = false;
            [Parameter("e")] readonly string Token = "t";
            [Parameter("f")] readonly int Hidden = 0;
            [Parameter("g")] public int Count = 1;
            [Parameter("h")] readonly int Seed = 7;
            [Parameter("i")] readonly int Unread = 0;

            Stage Nothing => _ => _.Executes(ctx => Sink.Use(ctx.StageName));
            Stage Body => _ => _.Executes(ctx => Sink.Use(Epochs));
            Stage Definition => _ => _.Description("rate " + Rate).Executes(ctx => Sink.Use(1));
            Stage Property => _ => _.Executes(ctx => Sink.Use(Label));
            Stage ThroughInterface => _ => _.Executes(ctx => Sink.Use(((IHasLabel)this).Label));
            Stage Condition => _ => _.OnlyWhenStatic(() => !Flag).Executes(ctx => Sink.Use(1));
            Stage Required => _ => _.Requires(() => Token).Executes(ctx => Sink.Use(1));
            Stage Declared => _ => _.UsesParameters(() => Hidden).Executes(ctx => Sink.Use(1));
            Stage Helper => _ => _.Executes(ctx => Sink.Use(Twice()));
            Stage StaticHelper => _ => _.Executes(ctx => Sink.Use(Readers.CountOf(this)));
            Stage Closure => _ => _.Executes(ctx => { var s = Seed; Func<int> f = () => s + 1; Sink.Use(f()); });
            Stage LocalFunction => _ => _.Executes(ctx => { int Next() => Seed + 1; Sink.Use(Next()); });
            Stage Async => _ => _.Executes(async ctx => { await Task.Yield(); Sink.Use(Rate); });
            Stage Virtual => _ => _.Executes(ctx => Sink.Use(Pick()));
            Stage FromBase => _ => _.Executes(ctx => Sink.Use(Inherited));
            Stage Depends => _ => _.DependsOn(Body).Executes(ctx => Sink.Use(1));
            Stage Reflects => _ => _.Executes(ctx => Sink.Use(typeof(ReadsPipeline).GetField("Seed", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(this)!));

            int Twice() => Epochs * 2;

            protected override int Pick() => Seed;
        }

        public abstract class ReadsBase : Pipeline
        {
            [Parameter("j")] protected readonly int Inherited = 5;

            protected virtual int Pick() => 0;
        }

        public static class Readers
        {
            public static int CountOf(ReadsPipeline pipeline) => pipeline.Count;
        }

        public static class Sink
        {
            public static void Use(object value) => GC.KeepAlive(value);
        }
        """;

    private static readonly Lazy<IReadOnlyDictionary<string, StageCodeAnalysis>> Analyses = new(() => Variant.Compile(Source).Analyse());

    [Theory]
    [InlineData("Nothing")]
    [InlineData("Body", "Epochs")]
    [InlineData("Definition", "Rate")]
    [InlineData("Property", "Label")]
    [InlineData("ThroughInterface", "Label")]
    [InlineData("Condition", "Flag")]
    [InlineData("Required", "Token")]
    [InlineData("Declared", "Hidden")]
    [InlineData("Helper", "Epochs")]
    [InlineData("StaticHelper", "Count")]
    [InlineData("Closure", "Seed")]
    [InlineData("LocalFunction", "Seed")]
    [InlineData("Async", "Rate")]
    [InlineData("Virtual", "Seed")]
    [InlineData("FromBase", "Inherited")]
    [InlineData("Depends")]
    public void A_stage_reads_exactly_the_parameters_its_code_reads(string stage, params string[] expected)
    {
        var analysis = Analyses.Value["Reads." + stage];

        Assert.True(analysis.IsComplete, analysis.WholeAssemblyNote);
        Assert.Equal(expected, analysis.ParametersRead.Select(p => p.MemberName));
        Assert.Equal(expected, analysis.ParametersInKey.Select(p => p.MemberName));
    }

    [Fact]
    public void A_stage_whose_code_cannot_be_followed_is_keyed_on_every_parameter_but_handed_none_it_was_not_shown_to_read()
    {
        var analysis = Analyses.Value["Reads.Reflects"];

        Assert.False(analysis.IsComplete);
        Assert.Empty(analysis.ParametersRead);
        Assert.Equal(
            ["Epochs", "Rate", "Flag", "Token", "Hidden", "Count", "Seed", "Unread", "Label", "Inherited"],
            analysis.ParametersInKey.Select(p => p.MemberName));
    }
}
