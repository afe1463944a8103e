namespace LlmOps.Deployment;

/// <summary>
/// Publishes the serving program self-contained for linux-x64 (the runtime packs come from the NuGet feed, as for the
/// container trainer) into the deployment state folder, with its own intermediate folder so the build's outputs are
/// untouched; again only when its sources changed (<see cref="ServingSources"/>).
/// </summary>
internal static class ServingPublisher
{
    public const string Executable = "llmops-serving";

    public static async Task<string> PublishAsync(DockerTargetOptions options, string rootDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        if (options.ServingPublishDirectory is { } given)
        {
            var directory = Path.GetFullPath(given, rootDirectory);
            return File.Exists(Path.Combine(directory, Executable))
                ? Executable755(directory)
                : throw new DeploymentException($"ServingPublishDirectory {directory} holds no {Executable}: publish src/LlmOps.Serving -r linux-x64 --self-contained there");
        }

        var project = Path.GetFullPath(options.ServingProject, rootDirectory);
        if (!File.Exists(project))
        {
            throw new DeploymentException($"the serving project {project} does not exist (ServingProject, relative to the repository root)");
        }

        var state = StateLayout.Of(rootDirectory).Part("deployments", ".serving");
        var publish = Path.Combine(state, "publish");
        var sources = ServingSources.Hash(project, rootDirectory);
        var stamp = Path.Combine(state, "publish.sources");
        if (File.Exists(Path.Combine(publish, Executable)) && File.Exists(stamp) && File.ReadAllText(stamp).Trim() == sources)
        {
            log($"serving program unchanged since it was last published (sources {sources[..12]}), not publishing again");
            return Executable755(publish);
        }

        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        log($"publishing {Path.GetRelativePath(rootDirectory, project)} (linux-x64, self-contained)");
        await new ProcessRunner(log).RunAsync(
            dotnet,
            ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", publish, "--artifacts-path", Path.Combine(state, "build"), "-nologo", "-v", "q"],
            new ProcessOptions
            {
                WorkingDirectory = rootDirectory,
                Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            },
            cancellationToken).ConfigureAwait(false);
        if (!File.Exists(Path.Combine(publish, Executable)))
        {
            throw new DeploymentException($"dotnet publish succeeded but {Path.Combine(publish, Executable)} is missing");
        }

        // Written after a publish that succeeded, so an interrupted one is done again.
        AtomicFile.WriteAllText(stamp, sources + "\n");
        return Executable755(publish);
    }

    // The image runs the server as another user (10001) than the one who published it; the build context's tar keeps
    // this mode, whatever the publisher's umask was.
    private static string Executable755(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(directory, Executable), (UnixFileMode)0b111_101_101);
        }

        return directory;
    }
}
