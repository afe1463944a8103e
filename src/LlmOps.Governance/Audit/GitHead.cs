namespace LlmOps.Governance.Audit;

/// <summary>
/// The commit a checkout's HEAD points at, read from the files in <c>.git</c> (a folder, or a worktree's
/// <c>gitdir:</c> file; loose or packed refs), so recording a decision starts no process.
/// </summary>
internal static class GitHead
{
    public static string? Read(string repositoryRoot)
    {
        var dotGit = Path.Combine(repositoryRoot, ".git");
        var gitDirectory = Directory.Exists(dotGit) ? dotGit
            : File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal)
                ? Path.GetFullPath(pointer["gitdir:".Length..].Trim(), repositoryRoot)
                : null;
        if (gitDirectory is null || !File.Exists(Path.Combine(gitDirectory, "HEAD")))
        {
            return null;
        }

        // A linked worktree keeps its own HEAD and shares refs with the main repository through commondir.
        var common = File.Exists(Path.Combine(gitDirectory, "commondir"))
            ? Path.GetFullPath(File.ReadAllText(Path.Combine(gitDirectory, "commondir")).Trim(), gitDirectory)
            : gitDirectory;
        var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return head;
        }

        var reference = head["ref:".Length..].Trim();
        foreach (var folder in new[] { gitDirectory, common })
        {
            var loose = Path.Combine(folder, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }
        }

        var packed = Path.Combine(common, "packed-refs");
        return File.Exists(packed)
            ? File.ReadLines(packed).Select(l => l.Split(' ', 2)).FirstOrDefault(p => p.Length == 2 && p[1] == reference)?[0]
            : null;
    }
}
