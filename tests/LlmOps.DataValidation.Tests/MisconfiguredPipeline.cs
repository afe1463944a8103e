using LlmOps.Dsl;

namespace LlmOps.DataValidation.Tests;

/// <summary>A pipeline whose validation rules are invalid; loading it must fail with a plain message.</summary>
public sealed class MisconfiguredPipeline : Pipeline
{
    Artifact<DatasetArtifact> Data => new("data");

    Stage Make => _ => _.Produces(Data).Executes(ctx => File.WriteAllText(ctx.Output(Data).File("d.jsonl"), ""));

    Stage Validate => _ => _.Validates(Data).Rules(r => r.MaxDuplicateRate(1.5));
}
