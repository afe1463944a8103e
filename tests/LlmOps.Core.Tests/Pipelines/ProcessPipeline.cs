namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Stage bodies that run tools with <see cref="StageContext.RunAsync(string, string[])"/>.</summary>
public sealed class ProcessPipeline : Pipeline
{
    [Parameter("Token the tool is given"), Secret]
    readonly string ApiToken = "";

    Stage Echo => _ => _.Executes(async ctx =>
    {
        await ctx.RunAsync(
            "sh",
            ["-c", "echo \"token=$TOKEN\"; echo \"args=$1|$2\"; echo \"dir=$(pwd -P)\"", "sh", "two words", "it's \"quoted\""],
            new ProcessOptions { Environment = new Dictionary<string, string?> { ["TOKEN"] = ApiToken } });
        Trace.Mark(ctx);
    });

    Stage Fail => _ => _.Executes(async ctx =>
    {
        await ctx.RunAsync("sh", ["-c", "echo first; echo \"token=$TOKEN\" >&2; exit 3"], new ProcessOptions { Environment = new Dictionary<string, string?> { ["TOKEN"] = ApiToken } });
        Trace.Mark(ctx);
    });

    Stage Tolerated => _ => _.Executes(async ctx =>
    {
        var result = await ctx.RunAsync("sh", ["-c", "exit 1"], new ProcessOptions { SuccessExitCodes = [0, 1] });
        ctx.Log($"exit code {result.ExitCode} tolerated");
    });

    Stage Missing => _ => _.Executes(ctx => ctx.RunAsync("llmops-no-such-tool", "--version"));

    Stage Slow => _ => _.Timeout(TimeSpan.FromMilliseconds(500)).Executes(ctx => ctx.RunAsync("sleep", "60"));
}
