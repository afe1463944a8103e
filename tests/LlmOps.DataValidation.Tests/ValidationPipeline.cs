using LlmOps.Dsl;

namespace LlmOps.DataValidation.Tests;

/// <summary>A pipeline that makes two splits and validates them with the DSL hook; <c>--leak true</c> copies a train example into eval.</summary>
public sealed class ValidationPipeline : Pipeline
{
    [Parameter("Copy a training example into the eval split")]
    readonly bool Leak = false;

    Artifact<DatasetArtifact> TrainSet => new("train-set");

    Artifact<DatasetArtifact> EvalSet => new("eval-set");

    Artifact<ReportArtifact> ValidationReport => new("validation-report");

    Stage Make => _ => _
        .Produces(TrainSet, EvalSet)
        .Executes(ctx =>
        {
            File.WriteAllLines(ctx.Output(TrainSet).File("train.jsonl"), Enumerable.Range(0, 40).Select(i => Chat.Pair($"question number {i} about the {i % 7} subscription tiers and their prices", $"answer {i}")));
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), Enumerable.Range(100, 10).Select(i => Leak && i == 105 ? Chat.Pair("question number 3 about the 3 subscription tiers and their prices", "answer 3") : Chat.Pair($"a different topic {i}: shipping to region {i * 3} takes how long", $"answer {i}")));
        });

    Stage Validate => _ => _
        .Validates(TrainSet, EvalSet)
        .Format(DatasetFormat.ChatJsonl)
        .Rules(r => r.MaxTokens(4096, Tokenizer.O200kBase)
                     .NoPii(PiiKind.All, Severity.Error)
                     .MaxDuplicateRate(0.01)
                     .NoLeakage(between: TrainSet, and: EvalSet))
        .Reports(ValidationReport);
}
