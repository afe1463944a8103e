namespace LlmOps.FineTune.Tests.Infrastructure;

/// <summary>
/// A repository root in a temporary folder holding this repository's FineTune pipeline folder (data and trainer
/// source) and its .nuke parameter files, so runs keep their state away from the checkout.
/// </summary>
public sealed class ScratchRepository : IDisposable
{
    public ScratchRepository()
    {
        Root = Directory.CreateTempSubdirectory("llmops-finetune-").FullName;
        CopyTree(Path.Combine(Checkout, ".nuke"), Path.Combine(Root, ".nuke"));
        CopyTree(Path.Combine(Checkout, "pipelines", "finetune", "data"), Path.Combine(Root, "pipelines", "finetune", "data"));
        CopyTree(Path.Combine(Checkout, "pipelines", "finetune", "trainer"), Path.Combine(Root, "pipelines", "finetune", "trainer"));
    }

    /// <summary>The checkout these tests were built from (the folder with LlmOps.sln).</summary>
    public static string Checkout { get; } = FindCheckout();

    public string Root { get; }

    /// <summary>Makes the root a git repository with one commit, as a clone is (provenance records the commit).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var git = new ProcessRunner(_ => { });
        var options = new ProcessOptions
        {
            WorkingDirectory = Root,
            Environment = new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = "llmops-tests",
                ["GIT_AUTHOR_EMAIL"] = "tests@llmops.invalid",
                ["GIT_COMMITTER_NAME"] = "llmops-tests",
                ["GIT_COMMITTER_EMAIL"] = "tests@llmops.invalid",
            },
        };
        await git.RunAsync("git", ["init", "-q"], options, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Root, ".gitignore"), ".llmops/\n", cancellationToken);
        await git.RunAsync("git", ["add", "-A"], options, cancellationToken);
        await git.RunAsync("git", ["commit", "-q", "-m", "scratch"], options, cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The store makes artifacts read-only; what is left is in the temporary folder the OS cleans.
        }
    }

    private static string FindCheckout()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LlmOps.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no LlmOps.sln above {AppContext.BaseDirectory}");
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains("__pycache__"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
