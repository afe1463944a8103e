using System.Diagnostics;
using LlmOps.Cli;
using LlmOps.Packaging;

namespace LlmOps.Governance.Tests.Pipelines;

/// <summary>
/// A repository in a temporary folder: a git commit (the provenance names it), a signing key whose public half is
/// committed as trusted, and the CLI run against <see cref="GovernedPipeline"/> in it.
/// </summary>
public sealed class GovernedRoot : IDisposable
{
    private readonly TempFolder _folder = new();

    public GovernedRoot()
    {
        Git("init", "-q");
        Git("-c", "user.email=test@example.com", "-c", "user.name=test", "commit", "--allow-empty", "-q", "-m", "init");
        using var key = SigningKey.Generate();
        Directory.CreateDirectory(Path.Combine(Root, "keys"));
        TrustedKeys.WritePrivateKey(Path.Combine(Root, GovernedPipeline.KeyFile), key);
        Directory.CreateDirectory(Path.Combine(Root, TrustedKeys.PublicFolder));
        File.WriteAllText(Path.Combine(Root, TrustedKeys.PublicFolder, key.KeyId + ".pub.pem"), key.PublicKeyPem);
    }

    public string Root => _folder.Root;

    public string AuditFile => Path.Combine(Root, ".llmops", "audit", "audit.jsonl");

    public (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(typeof(GovernedPipeline)) { Output = output, Error = error, Environment = _ => null };
        var code = app.RunAsync(["--root", Root, "--parallel", "1", .. args], TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The log of the last attempt of the stage named <paramref name="stage"/>.</summary>
    public string StageLog(string stage) =>
        File.ReadAllText(Directory.EnumerateFiles(Path.Combine(Root, ".llmops", "runs"), "*.log", SearchOption.AllDirectories)
            .Where(f => Path.GetFileNameWithoutExtension(f).EndsWith("." + stage, StringComparison.Ordinal) || Path.GetFileNameWithoutExtension(f).Contains("." + stage + ".", StringComparison.Ordinal))
            .OrderBy(File.GetLastWriteTimeUtc)
            .Last());

    public void Dispose() => _folder.Dispose();

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
    }
}
