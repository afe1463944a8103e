using LlmOps.Cli;

namespace LlmOps.Evaluation.Tests.Pipelines;

/// <summary>A repository root in a temporary folder, and the CLI run against a pipeline in it.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Root = Path.Combine(Path.GetTempPath(), "llmops-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public (int Code, string Output, string Error) Run(Type pipeline, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(pipeline) { Output = output, Error = error, Environment = _ => null };
        var code = app.RunAsync(["--root", Root, "--parallel", "1", .. args], TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The log of the last attempt of a stage whose name contains <paramref name="stage"/>.</summary>
    public string StageLog(string stage) =>
        File.ReadAllText(Directory.EnumerateFiles(Path.Combine(Root, ".llmops", "runs"), "*.log", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains(stage, StringComparison.Ordinal))
            .OrderBy(File.GetLastWriteTimeUtc)
            .Last());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temporary folder is cleaned by the OS.
        }
    }
}
