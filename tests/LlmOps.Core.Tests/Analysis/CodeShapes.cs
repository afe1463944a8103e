namespace LlmOps.Core.Tests.Analysis;

/// <summary>
/// The shapes in which a stage's code reaches other code. Each places <c>{V}</c> in code only Train reaches, and
/// <c>{U}</c> in code no stage of the pipeline reaches; <see cref="Source"/> fills both in.
/// </summary>
/// <param name="Name">The shape.</param>
/// <param name="Train">Train's declaration; by default its body is <paramref name="Body"/>.</param>
/// <param name="Body">Train's body, when <paramref name="Train"/> is the default.</param>
/// <param name="Members">More members of the pipeline class.</param>
/// <param name="Base">Members of its abstract base class.</param>
/// <param name="Other">Other types of the assembly.</param>
public sealed record CodeShape(string Name, string Train = "", string Body = "", string Members = "", string Base = "", string Other = "")
{
    public static IReadOnlyList<CodeShape> All { get; } =
    [
        new CodeShape("a lambda", Body: "Func<int, int> f = x => x + {V}; Sink.Use(f(1));"),
        new CodeShape("a local function", Body: "int Add(int x) => x + {V}; Sink.Use(Add(1));"),
        new CodeShape("a local function capturing a local", Body: "var k = ctx.StageName.Length; int Add(int x) => x + (k * {V}); Sink.Use(Add(1));"),
        new CodeShape("an async body", Train: "Stage Train => _ => _.Executes(async ctx => { await Task.Yield(); Sink.Use({V}); });"),
        new CodeShape("an async helper", Body: "Sink.Use(Helpers.ComputeAsync().Result);", Other: "public static class Helpers { public static async Task<int> ComputeAsync() { await Task.Yield(); return {V}; } }"),
        new CodeShape("an iterator", Body: "Sink.Use(Sequence.Items().Sum());", Other: "public static class Sequence { public static IEnumerable<int> Items() { yield return 1; yield return {V}; } }"),
        new CodeShape("a static helper in another class", Body: "Sink.Use(Helpers.Compute());", Other: "public static class Helpers { public static int Compute() => Inner() + 1; static int Inner() => {V}; }"),
        new CodeShape("a static property", Body: "Sink.Use(Settings.Factor);", Other: "public static class Settings { public static int Factor => {V}; }"),
        new CodeShape("a property of the pipeline", Body: "Sink.Use(Factor);", Members: "int Factor => {V};"),
        new CodeShape("an override in the pipeline", Body: "Sink.Use(Factor());", Members: "protected override int Factor() => {V};", Base: "protected virtual int Factor() => 0;"),
        new CodeShape("an override in a helper class", Body: "Sink.Use(Scoring.Run());", Other: "public abstract class Scorer { public abstract int Score(); } public sealed class Good : Scorer { public override int Score() => {V}; } public static class Scoring { static readonly Scorer Current = new Good(); public static int Run() => Current.Score(); }"),
        new CodeShape("an override of a library virtual in the pipeline", Body: "Sink.Use(Directory);", Members: "public override string Directory => \"pipelines/{V}\";"),
        new CodeShape("a helper in the pipeline's base class", Body: "Sink.Use(Compute());", Base: "protected static int Compute() => {V};"),
        new CodeShape("a method inherited from a helper's base class", Body: "Sink.Use(new Helper().Shared());", Other: "public class HelperBase { public int Shared() => {V}; } public sealed class Helper : HelperBase { }"),
        new CodeShape("a generic type", Body: "Sink.Use(Generic.Measure(\"a\"));", Other: "public sealed class Box<T> { public T Value = default!; public int Weight() => {V}; } public static class Generic { public static int Measure<T>(T x) => new Box<T> { Value = x }.Weight(); }"),
        new CodeShape("a constrained generic call", Body: "Sink.Use(Generic.Of<Two>());", Other: "public interface IScale { int Scale(); } public struct Two : IScale { public int Scale() => {V}; } public static class Generic { public static int Of<T>() where T : struct, IScale => default(T).Scale(); }"),
        new CodeShape("an interface default member", Body: "IScale s = new Plain(); Sink.Use(s.Scale(2));", Other: "public interface IScale { int Scale(int x) => x * {V}; } public sealed class Plain : IScale { }"),
        new CodeShape("a closure over a parameter", Body: "var e = Epochs; Func<int> f = () => e + {V}; Sink.Use(f());", Members: "[Parameter(\"passes\")] readonly int Epochs = 3;"),
        new CodeShape("a static field initializer", Body: "Sink.Use(Table.Values[0]);", Other: "public static class Table { public static readonly int[] Values = { {V}, 7, 8, 9, 10, 11 }; }"),
        new CodeShape("an instance field initializer", Body: "Sink.Use(factor);", Members: "readonly int factor = {V};"),
        new CodeShape("a delegate field with a lambda", Body: "Sink.Use(Hooks.Run());", Other: "public static class Hooks { static readonly Func<int, int> Twice = x => x * {V}; public static int Run() => Twice(2); }"),
        new CodeShape("a record the framework serializes", Body: "Sink.Use(System.Text.Json.JsonSerializer.Serialize(new Metrics(1)));", Other: "public sealed record Metrics(int A) { public int B => A + {V}; }"),
        new CodeShape("the stage definition", Train: "Stage Train => _ => _.Description(\"fit \" + {V}).Executes(ctx => Sink.Use(1));"),
    ];

    /// <summary>The shapes by name, for theories (names show in the test list; records would not).</summary>
    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    public static CodeShape Named(string name) => All.Single(s => s.Name == name);

    /// <summary>The pipeline's source with <c>{V}</c> and <c>{U}</c> filled in.</summary>
    public string Source(int v, int u)
    {
        var train = Train.Length > 0 ? Train : $"Stage Train => _ => _.Executes(ctx => {{ {Body} }});";
        var source = $$"""
            public sealed class ShapePipeline : ShapeBase
            {
                Stage Validate => _ => _.Executes(ctx => Sink.Use(ctx.StageName));

                Stage Elsewhere => _ => _.Executes(ctx => Sink.Use(Unrelated.Value() + {U}));

                {{train}}

                {{Members}}
            }

            public abstract class ShapeBase : Pipeline
            {
                {{Base}}
            }

            public static class Sink
            {
                public static void Use(object value) => GC.KeepAlive(value);
            }

            public static class Unrelated
            {
                public static int Value() => {U};
            }

            {{Other}}
            """;
        return source.Replace("{V}", v.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{U}", u.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public override string ToString() => Name;
}
