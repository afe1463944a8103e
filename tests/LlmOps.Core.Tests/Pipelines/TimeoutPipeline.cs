namespace LlmOps.Core.Tests.Pipelines;

/// <summary>A stage that blocks for 30 s and never looks at its cancellation token, with a 0.3 s limit.</summary>
public sealed class TimeoutPipeline : Pipeline
{
    Stage Stubborn => _ => _.Timeout(TimeSpan.FromMilliseconds(300)).Executes(ctx => Thread.Sleep(TimeSpan.FromSeconds(30)));
}
