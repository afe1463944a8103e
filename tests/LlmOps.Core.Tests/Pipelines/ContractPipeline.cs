namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Stages that break the artifact contract in the ways a stage author can.</summary>
public sealed class ContractPipeline : Pipeline
{
    Artifact<DatasetArtifact> Rows => new("rows");

    Artifact<ReportArtifact> Notes => new("notes");

    Stage Produce => _ => _.Produces(Rows).Executes(ctx => File.WriteAllText(ctx.Output(Rows).File("rows.txt"), "a\n"));

    Stage WritesInput => _ => _.Consumes(Rows).Executes(ctx => File.WriteAllText(ctx.Input(Rows).File("rows.txt"), "overwritten\n"));

    Stage ReplacesInput => _ => _.Consumes(Rows).Executes(ctx =>
    {
        var file = ctx.Input(Rows).File("rows.txt");
        File.WriteAllText(file + ".new", "replaced\n");
        File.Move(file + ".new", file, overwrite: true);
    });

    Stage ReadsUndeclared => _ => _.DependsOn(Produce).Executes(ctx => ctx.Input(Rows));

    Stage WritesUndeclared => _ => _.Executes(ctx => ctx.Output(Notes));

    Stage ForgetsOutput => _ => _.Produces(Notes).Executes(ctx => ctx.Log("nothing written"));

    Stage EnvironmentKeyed => _ => _.Environment(EnvironmentName).Executes(Trace.Mark);

    [Parameter("The environment variable EnvironmentKeyed depends on")]
    readonly string EnvironmentName = "LLMOPS_CORE_TESTS_UNSET";
}
