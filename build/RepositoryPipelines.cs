using LlmOps.Pipelines.FineTune;
using LlmOps.Pipelines.Support;

namespace LlmOps.Build;

/// <summary>Every pipeline of this repository: ./build.sh runs them and the tests check their emitted workflows.</summary>
public static class RepositoryPipelines
{
    /// <summary>The pipeline classes, in the order --help lists them.</summary>
    public static readonly Type[] All = [typeof(SupportPipeline), typeof(FineTunePipeline), typeof(BuildPipeline)];
}
