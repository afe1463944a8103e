namespace LlmOps.Core.Tests.Pipelines;

// Definitions with wiring mistakes. Each also has a stage that would leave a trace, to prove nothing ran.

/// <summary>Consumes an artifact that no stage produces.</summary>
public sealed class MissingProducerPipeline : Pipeline
{
    Artifact<DatasetArtifact> Features => new("features");

    Stage Harmless => _ => _.Executes(Trace.Mark);

    Stage Train => _ => _.Consumes(Features).Executes(Trace.Mark);
}

/// <summary>Two stages produce the same artifact.</summary>
public sealed class DuplicateProducerPipeline : Pipeline
{
    Artifact<ModelArtifact> Model => new("model");

    Stage TrainSmall => _ => _.Produces(Model).Executes(Trace.Mark);

    Stage TrainLarge => _ => _.Produces(Model).Executes(Trace.Mark);
}

/// <summary>A cycle closed by an ordering-only edge.</summary>
public sealed class CyclePipeline : Pipeline
{
    Stage Alpha => _ => _.DependsOn(Beta).Executes(Trace.Mark);

    Stage Beta => _ => _.DependsOn(Gamma).Executes(Trace.Mark);

    Stage Gamma => _ => _.After(Alpha).Executes(Trace.Mark);
}

/// <summary>The consumer expects a model where the producer makes a dataset of the same name.</summary>
public sealed class KindMismatchPipeline : Pipeline
{
    Artifact<DatasetArtifact> Made => new("shared");

    Artifact<ModelArtifact> Wanted => new("shared");

    Stage Make => _ => _.Produces(Made).Executes(Trace.Mark);

    Stage Use => _ => _.Consumes(Wanted).Executes(Trace.Mark);
}
