using System.Diagnostics;

namespace LlmOps.Deployment;

/// <summary>
/// Deploys into <c>&lt;directory&gt;/&lt;version&gt;/</c> and points <c>&lt;directory&gt;/current</c> at it. Both steps
/// are renames (the version folder is filled under a staging name first), so a reader of the target never sees a
/// half-copied model; versions beyond the kept bound are deleted after the switch, never the active one.
/// </summary>
public sealed class LocalDirectoryTarget : DeployTarget
{
    /// <summary>The file naming the active version.</summary>
    public const string CurrentFile = "current";

    /// <summary>The target's own record of versions and outcomes.</summary>
    public const string StateFile = "deployment-state.json";

    internal LocalDirectoryTarget(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
    }

    /// <summary>The folder, absolute or relative to the repository root.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public override string Describe() => $"local directory {Directory}";

    /// <inheritdoc />
    public override bool IsDurable => false;

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputPaths => [Directory];

    /// <inheritdoc />
    public override Task<DeploymentOutcome> DeployAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var target = Path.GetFullPath(Directory, request.RootDirectory);
        var version = request.Package.Version;
        var state = ReadState(target);
        var versionDirectory = Path.Combine(target, version);
        System.IO.Directory.CreateDirectory(target);
        if (!System.IO.Directory.Exists(versionDirectory))
        {
            var staging = Path.Combine(target, $".staging-{Guid.NewGuid():N}");
            request.Package.ExtractTo(staging);
            System.IO.Directory.Move(staging, versionDirectory);
        }

        var copied = clock.Elapsed.TotalSeconds;
        if (request.Smoke.Count > 0)
        {
            request.Log($"the local directory serves nothing, so its {request.Smoke.Count} smoke case(s) run only on a serving target (Docker, Kubernetes)");
        }

        AtomicFile.WriteAllText(Path.Combine(target, CurrentFile), version + "\n");
        var status = state.Active == version ? "unchanged" : "deployed";
        var outcome = new DeploymentOutcome(
            request.Name, Describe(), "deploy", status, version, version, state.Active == version ? state.PreviousOf(version) : state.Active,
            status == "unchanged" ? $"{version} was already current" : $"{version} is current; the files are in {versionDirectory}",
            versionDirectory, DateTimeOffset.UtcNow,
            [new("copy", copied, versionDirectory), new("switch", clock.Elapsed.TotalSeconds - copied, $"{CurrentFile} -> {version}")],
            Relative(request.RootDirectory, versionDirectory));
        state = state.Activated(version, outcome);
        var pruned = state.Beyond(request.KeepVersions);
        foreach (var old in pruned)
        {
            var folder = Path.Combine(target, old);
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
                request.Log($"removed {old}: more than {request.KeepVersions} version(s) kept");
            }
        }

        WriteState(target, state.Without(pruned));
        request.Log($"{request.Package.Name} {version} is current in {target}");
        return Task.FromResult(outcome);
    }

    /// <inheritdoc />
    public override Task<DeploymentOutcome> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = Path.GetFullPath(Directory, request.RootDirectory);
        var state = ReadState(target);
        var to = request.ToVersion ?? state.PreviousOf(state.Active)
            ?? throw new DeploymentException($"{Describe()} has no version before {state.Active ?? "(none)"} to roll back to");
        var folder = Path.Combine(target, to);
        if (!System.IO.Directory.Exists(folder) || !File.Exists(Path.Combine(folder, "manifest.json")))
        {
            throw new DeploymentException($"{folder} is not a deployed version (kept: {string.Join(", ", state.History)}); nothing was changed");
        }

        AtomicFile.WriteAllText(Path.Combine(target, CurrentFile), to + "\n");
        var outcome = new DeploymentOutcome(
            request.Name, Describe(), "rollback", "rolled-back", to, to, state.Active, $"{CurrentFile} points back at {to} (was {state.Active ?? "none"})",
            folder, DateTimeOffset.UtcNow, [new("switch", 0, $"{CurrentFile} -> {to}")], Relative(request.RootDirectory, folder));
        WriteState(target, state.Activated(to, outcome));
        request.Log(outcome.Reason);
        return Task.FromResult(outcome);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static TargetState ReadState(string target) => DeploymentJson.Read<TargetState>(Path.Combine(target, StateFile)) ?? TargetState.Empty;

    private static void WriteState(string target, TargetState state) => DeploymentJson.Write(Path.Combine(target, StateFile), state);
}
