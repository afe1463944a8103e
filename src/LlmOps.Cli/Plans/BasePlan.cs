namespace LlmOps.Cli.Plans;

/// <summary>
/// The plan of another commit, described by that commit's own code: it is checked out into a temporary
/// <c>git worktree</c> (the working tree is not touched), its build project is compiled there and asked for
/// <c>--plan-json</c>. The build maps the worktree's path to this checkout's (<c>PathMap</c>), so a deterministic
/// build of unchanged code has the same module ids, and unchanged stages keep their code hashes.
/// </summary>
/// <param name="rootDirectory">This checkout's root.</param>
/// <param name="buildProject">The build project, relative to the root (<c>build/_build.csproj</c>).</param>
/// <param name="log">Receives progress lines.</param>
public sealed class BasePlan(string rootDirectory, string buildProject, Action<string> log)
{
    /// <summary>What <see cref="ExportAsync"/> found.</summary>
    /// <param name="Snapshot">The base's plan, or null when the base cannot export one.</param>
    /// <param name="Commit">The resolved commit.</param>
    /// <param name="Problem">Why there is no snapshot, or null.</param>
    /// <param name="IsFailure">Whether the base is broken (its build or plan fails), rather than older than LlmOps's plan export.</param>
    public sealed record Result(PlanSnapshot? Snapshot, string Commit, string? Problem, bool IsFailure = false);

    /// <summary>Exports the plan of <paramref name="reference"/>; a reference that names no commit is a <see cref="UsageException"/>.</summary>
    public async Task<Result> ExportAsync(string reference, CancellationToken cancellationToken)
    {
        var commit = await ResolveAsync(reference, cancellationToken);
        var worktree = Path.Combine(Path.GetTempPath(), $"llmops-plan-base-{Guid.NewGuid():N}");
        var output = Path.Combine(Path.GetTempPath(), $"llmops-plan-base-{Guid.NewGuid():N}.json");
        log($"Checking out {reference} ({commit[..12]}) into a temporary worktree...");
        await GitAsync(["worktree", "add", "--detach", worktree, commit], cancellationToken);
        try
        {
            if (!File.Exists(Path.Combine(worktree, buildProject)))
            {
                return new Result(null, commit, $"{reference} has no {buildProject}");
            }

            log($"Building {reference}'s {buildProject} and exporting its plan (a first build takes minutes)...");
            var tail = new List<string>();
            var result = await new ProcessRunner(line => tail.Add(line)).RunAsync(
                "dotnet",
                ["run", "--project", Path.Combine(worktree, buildProject), $"--property:PathMap={worktree}={rootDirectory}", "--", "--plan-json", output, "--root", worktree],
                new ProcessOptions
                {
                    WorkingDirectory = worktree,
                    TailLines = 40,
                    Environment = new Dictionary<string, string?> { ["LLMOPS_ROOT"] = worktree, ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
                },
                cancellationToken);
            if (!result.Succeeded || !File.Exists(output))
            {
                var predates = tail.Any(l => l.Contains("plan-json", StringComparison.Ordinal));
                return predates
                    ? new Result(null, commit, $"{reference} predates the plan export (--plan-json), so there is nothing to compare with")
                    : new Result(null, commit, $"building or planning {reference} failed (exit {result.ExitCode}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", result.Tail)}", IsFailure: true);
            }

            return new Result(PlanJson.Read(await File.ReadAllTextAsync(output, cancellationToken), $"the plan of {reference}"), commit, null);
        }
        finally
        {
            File.Delete(output);
            await GitAsync(["worktree", "remove", "--force", worktree], CancellationToken.None, mayFail: true);
        }
    }

    private async Task<string> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var result = await new ProcessRunner(lines.Add, errorOutput: _ => { }).RunAsync(
            "git", ["rev-parse", "--verify", "--quiet", reference + "^{commit}"], new ProcessOptions { WorkingDirectory = rootDirectory }, cancellationToken);
        return result.Succeeded && lines.Count == 1
            ? lines[0].Trim()
            : throw new UsageException($"--base: '{reference}' names no commit in {rootDirectory} (a shallow CI clone needs the base fetched: git fetch origin <branch>)");
    }

    private async Task GitAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool mayFail = false)
    {
        var result = await new ProcessRunner().RunAsync("git", arguments, new ProcessOptions { WorkingDirectory = rootDirectory }, cancellationToken);
        if (!result.Succeeded && !mayFail)
        {
            throw new UsageException($"git {string.Join(' ', arguments)} failed: {result.FailureMessage}");
        }
    }
}
