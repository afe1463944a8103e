namespace LlmOps.Core.Tests.Components.Discovered;

/// <summary>A pipeline no list names: discovery alone brings it to the command line.</summary>
public sealed class DiscoveredPipeline : Pipeline
{
    Stage Hello => _ => _.NotCached("test").Executes(Trace.Mark);
}
