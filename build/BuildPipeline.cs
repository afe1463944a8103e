using System.Diagnostics;
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
        .Executes(ctx => Dotnet(ctx, $"build LlmOps.sln -c {Configuration} -nologo"));

    Stage Test => _ => _
        .Description("Run every test project")
        .DependsOn(Compile)
        .NotCached("tests are run every time they are asked for")
        .Executes(ctx => Dotnet(ctx, $"test LlmOps.sln -c {Configuration} --no-build -nologo"));

    // Compile and Test share one job: the test step reuses the compiled output instead of shipping bin/ folders.
    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("ci")
            .OnPush("main")
            .OnPullRequest()
            .Group("build_and_test", Compile, Test)
            .Runs(Test),
    ];

    static async Task Dotnet(StageContext ctx, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = ctx.RootDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new StageFailedException("could not start dotnet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { ctx.Log(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { ctx.Log(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ctx.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new StageFailedException($"dotnet {arguments} exited with code {process.ExitCode}");
        }
    }
}

/// <summary>Build configurations.</summary>
public enum Configuration
{
    /// <summary>Debug build.</summary>
    Debug,

    /// <summary>Release build.</summary>
    Release,
}
