namespace LlmOps.Core.Tests.Pipelines;

/// <summary>A parameter named like the built-in <c>--verbose</c> option, which the command line can never set.</summary>
public sealed class ReservedNamePipeline : Pipeline
{
    [Parameter("Chatty output")]
    public bool Verbose;

    Stage Run => _ => _.Executes(Trace.Mark);
}
