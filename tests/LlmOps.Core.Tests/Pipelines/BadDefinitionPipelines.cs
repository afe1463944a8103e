namespace LlmOps.Core.Tests.Pipelines;

// Mistakes in a definition itself rather than in its wiring.

/// <summary>A parameter of a type the loader cannot convert text to.</summary>
public sealed class UnsupportedParameterPipeline : Pipeline
{
    [Parameter]
    public Guid RunTag;

    Stage Run => _ => _.Executes(Trace.Mark);
}

/// <summary>A stage whose definition throws while it is evaluated.</summary>
public sealed class ThrowingDefinitionPipeline : Pipeline
{
    Stage Run => _ => throw new InvalidOperationException("no config file");
}

/// <summary>Requires a member that is not a parameter.</summary>
public sealed class RequiresFieldPipeline : Pipeline
{
    public string Plain = "";

    Stage Run => _ => _.Requires(() => Plain).Executes(Trace.Mark);
}

/// <summary>Two classes whose pipeline names clash.</summary>
public sealed class ClashPipeline : Pipeline
{
    Stage Run => _ => _.Executes(Trace.Mark);
}

/// <summary>Named Clash too, through an override.</summary>
public sealed class OtherClash : Pipeline
{
    public override string Name => "Clash";

    Stage Go => _ => _.Executes(Trace.Mark);
}

/// <summary>An artifact named "..", which as a folder name would be the store's parent.</summary>
public sealed class DotArtifactPipeline : Pipeline
{
    Artifact<DatasetArtifact> Up => new("..");

    Stage Run => _ => _.Produces(Up).Executes(Trace.Mark);
}

/// <summary>An artifact name with a dot, which CI artifact stores and script words do not take as is.</summary>
public sealed class DottedArtifactPipeline : Pipeline
{
    Artifact<DatasetArtifact> Splits => new("splits.v2");

    Stage Run => _ => _.Produces(Splits).Executes(Trace.Mark);
}

/// <summary>The pipeline name of issue 20, which would end a shell word and run a command in every CI job.</summary>
public sealed class InjectedNamePipeline : Pipeline
{
    public override string Name => "Inj;touch${IFS}pwned;echo${{ github.event.issue.title }}#";

    Stage Run => _ => _.Executes(Trace.Mark);
}

/// <summary>A stage named by a C# identifier outside the CI name rule (a non-ASCII letter).</summary>
public sealed class AccentedStagePipeline : Pipeline
{
    Stage Run => _ => _.Executes(Trace.Mark);

    Stage Préparer => _ => _.Executes(Trace.Mark);
}
