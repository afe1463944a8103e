using System.Reflection;
using LlmOps.Planning;

namespace LlmOps.Build;

/// <summary>
/// The assemblies whose pipelines ./build.sh runs. Their pipeline classes are discovered, not listed: a new pipeline
/// in one of them needs no registration. The tests check the workflows of the same set.
/// </summary>
public static class PipelineAssemblies
{
    /// <summary>The pipelines project (loaded by name, so build/ names none of its classes) and this build project.</summary>
    public static IReadOnlyList<Assembly> All { get; } = [Assembly.Load("LlmOps.Pipelines"), typeof(BuildPipeline).Assembly];

    /// <summary>Every concrete pipeline class in <see cref="All"/>, in discovery order.</summary>
    public static IReadOnlyList<Type> Pipelines() => PipelineDiscovery.Find(All);
}
