using LlmOps.Dsl;
using LlmOps.Emission;

namespace LlmOps.Build;

/// <summary>
/// This repository's own build: compile everything and run every test. Its CI workflow is emitted from this
/// definition like any other pipeline's.
/// </summary>
public sealed class BuildPipeline : Pipeline, IHasWorkflows
{
    [Parameter("Build configuration")]
    readonly Configuration Configuration = Configuration.Debug;

    public override string Directory => ".";

    Stage Compile => _ => _
        .Description("Build the solution with warnings as errors")
        .NotCached("the compiler's own incremental build is the cache")
        .Executes(ctx => Dotnet(ctx, "build", "LlmOps.sln", "-c", Configuration.ToString(), "-nologo"));

    Stage Test => _ => _
        .Description("Run every test project")
        .DependsOn(Compile)
        .NotCached("tests are run every time they are asked for")
        .Executes(ctx => Dotnet(ctx, "test", "LlmOps.sln", "-c", Configuration.ToString(), "--no-build", "-nologo"));

    // Compile and Test share one job: the test step reuses the compiled output instead of shipping bin/ folders.
    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("ci")
            .OnPush("main")
            .OnPullRequest()
            .PostsPlanDiff()
            .Group("build_and_test", Compile, Test)
            .Runs(Test),
    ];

    static Task Dotnet(StageContext ctx, params string[] arguments) =>
        ctx.RunAsync("dotnet", arguments, new ProcessOptions { WorkingDirectory = ctx.RootDirectory });
}

/// <summary>Build configurations.</summary>
public enum Configuration
{
    /// <summary>Debug build.</summary>
    Debug,

    /// <summary>Release build.</summary>
    Release,
}
