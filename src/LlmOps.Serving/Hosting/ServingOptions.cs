namespace LlmOps.Serving.Hosting;

/// <summary>
/// How <c>llmops-serving serve</c> is configured: arguments first, then environment variables (what a container image
/// sets), then defaults.
/// </summary>
/// <param name="ModelDirectory">The model's files (<c>--model-dir</c>, <c>LLMOPS_MODEL_DIR</c>).</param>
/// <param name="Urls">Where to listen (<c>--urls</c>, <c>LLMOPS_URLS</c>; default <c>http://0.0.0.0:8080</c>).</param>
/// <param name="Name">The package name (<c>--model-name</c>, <c>LLMOPS_MODEL_NAME</c>; default the directory's name).</param>
/// <param name="Version">The package version (<c>--model-version</c>, <c>LLMOPS_MODEL_VERSION</c>; default <c>unversioned</c>).</param>
public sealed record ServingOptions(string ModelDirectory, string Urls, string Name, string Version)
{
    /// <summary>The listening address when none is given.</summary>
    public const string DefaultUrls = "http://0.0.0.0:8080";

    /// <summary>Reads the options; throws <see cref="UsageException"/> for a missing model directory or a dangling flag.</summary>
    public static ServingOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var flags = Flags.Parse(args, "--model-dir", "--urls", "--model-name", "--model-version");
        var directory = flags.GetValueOrDefault("--model-dir") ?? environment("LLMOPS_MODEL_DIR")
            ?? throw new UsageException("no model directory: pass --model-dir <dir> or set LLMOPS_MODEL_DIR");
        directory = Path.GetFullPath(directory);
        return new ServingOptions(
            directory,
            flags.GetValueOrDefault("--urls") ?? environment("LLMOPS_URLS") ?? DefaultUrls,
            flags.GetValueOrDefault("--model-name") ?? environment("LLMOPS_MODEL_NAME") ?? Path.GetFileName(directory.TrimEnd('/')),
            flags.GetValueOrDefault("--model-version") ?? environment("LLMOPS_MODEL_VERSION") ?? "unversioned");
    }
}
