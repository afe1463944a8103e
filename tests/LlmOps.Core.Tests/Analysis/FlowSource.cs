namespace LlmOps.Core.Tests.Analysis;

/// <summary>
/// A small pipelines project in source: Flow (Validate, then Train with a helper, then Report) and an unrelated Side
/// pipeline, with the edits the tests make to it.
/// </summary>
internal static class FlowSource
{
    public const string Flow = """
        public sealed class FlowPipeline : Pipeline
        {
            [Parameter("Training passes")]
            readonly int Epochs = 3;

            Artifact<DatasetArtifact> Checked => new("checked");

            Artifact<ModelArtifact> Model => new("model");

            Stage Validate => _ => _
                .Produces(Checked)
                .Executes(ctx =>
                {
                    Mark(ctx);
                    File.WriteAllText(ctx.Output(Checked).File("ok.txt"), Checks.Verdict(ctx.StageName));
                });

            Stage Train => _ => _
                .Consumes(Checked)
                .Produces(Model)
                .Executes(ctx =>
                {
                    Mark(ctx);
                    File.WriteAllText(ctx.Output(Model).File("model.txt"), Fitting.Fit(Epochs).ToString());
                });

            Stage Report => _ => _
                .Consumes(Model)
                .Executes(ctx =>
                {
                    Mark(ctx);
                    ctx.Log(File.ReadAllText(ctx.Input(Model).File("model.txt")));
                });

            static void Mark(StageContext ctx) => File.AppendAllText(Path.Combine(ctx.RootDirectory, "trace.txt"), ctx.StageName + "\n");
        }

        public static class Checks
        {
            public static string Verdict(string stage) => stage.Length > 0 ? "ok" : "empty";
        }

        public static class Fitting
        {
            public static int Fit(int epochs) => Scale(epochs) + 1;

            static int Scale(int x) => x * 2;
        }

        """;

    public const string Side = """
        public sealed class SidePipeline : Pipeline
        {
            Stage Tidy => _ => _.Executes(ctx => ctx.Log("level " + Tidying.Level()));
        }

        public static class Tidying
        {
            public static int Level() => 1;
        }

        """;

    public static string Both => Flow + Side;

    /// <summary>The same code with comments and blank lines added in Train's body and its helper.</summary>
    public static string Commented => Both
        .Edit("        Mark(ctx);\n            File.WriteAllText(ctx.Output(Model)", "        // Train: fit, then write the model.\n\n            Mark(ctx);\n            File.WriteAllText(ctx.Output(Model)")
        .Edit("    static int Scale(int x)", "    /* Doubles: the model is twice as good. */\n    static int Scale(int x)");

    /// <summary>Side's helper edited and a stage added to it; Flow untouched.</summary>
    public static string SideEdited => Flow + Side
        .Edit("Level() => 1;", "Level() => 2;")
        .Edit("    Stage Tidy", "    Stage Sweep => _ => _.Executes(ctx => ctx.Log(\"swept\"));\n\n    Stage Tidy");

    /// <summary>The helper only Train uses, edited.</summary>
    public static string TrainHelperEdited => Both.Edit("x * 2", "x * 3");

    /// <summary>A stage added to Flow above the others, so the compiler renumbers every lambda below it.</summary>
    public static string StageAddedAbove => Both.Edit(
        "    Stage Validate",
        "    Stage Warm => _ => _.Executes(ctx => { Func<int, int> f = x => x + 1; ctx.Log(f(1).ToString()); });\n\n    Stage Validate");

    /// <summary>Train creating an object by reflection, which the analysis cannot follow.</summary>
    public static string TrainReflects => Both.Edit(
        "Fitting.Fit(Epochs).ToString()",
        "(Fitting.Fit(Epochs) + Activator.CreateInstance(typeof(Checks).Assembly.GetType(\"Model\")!)!.GetHashCode()).ToString()");
}
