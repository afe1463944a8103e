using LlmOps.Cli;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>Runs the real CLI over <see cref="TrackedPipeline"/> (or another test pipeline) in a temporary root, with a given environment.</summary>
internal static class TrackedCli
{
    internal static async Task<(int Code, string Output, string Error)> RunAsync(string root, string[] args, Dictionary<string, string> environment, Type? pipeline = null)
    {
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(pipeline ?? typeof(TrackedPipeline))
        {
            Output = output,
            Error = error,
            Environment = name => environment.GetValueOrDefault(name),
        };
        var code = await app.RunAsync([.. args, "--root", root], TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
