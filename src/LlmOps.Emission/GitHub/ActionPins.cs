namespace LlmOps.Emission.GitHub;

/// <summary>
/// The actions the GitHub emitter uses, pinned to commits: a tag can be moved, a commit cannot. They live in one
/// data file, <see cref="FilePath"/>, shaped as a composite action so that Dependabot and Renovate bump its
/// <c>uses:</c> lines together with the generated workflows; no C# changes when an action is updated.
/// </summary>
public sealed class ActionPins
{
    /// <summary>Where a repository keeps its pins, relative to its root.</summary>
    public const string FilePath = ".github/actions/llmops-pins/action.yml";

    private const string BuiltInSource = "the pins built into LlmOps.Emission";

    // Declared before the pins that read it: static fields initialise in textual order.
    private static readonly string BuiltInFile = ReadBuiltIn();

    private static readonly Lazy<ActionPins> BuiltInPins = new(() => Parse(BuiltInFile, BuiltInSource));

    private readonly Dictionary<string, PinnedAction> _byRepository;

    private ActionPins(IReadOnlyList<PinnedAction> all, string source)
    {
        All = all;
        Source = source;
        _byRepository = all.ToDictionary(a => a.Repository, StringComparer.Ordinal);
    }

    /// <summary>
    /// The <c>runs.using</c> values GitHub-hosted runners still run. Node 20 was removed in September 2026, so a
    /// JavaScript action must be node24; composite and docker actions have no Node runtime of their own.
    /// </summary>
    public static IReadOnlyList<string> SupportedRuntimes { get; } = ["node24", "composite", "docker"];

    /// <summary>The repositories the emitter uses; a pins file lists exactly these.</summary>
    public static IReadOnlyList<string> Repositories { get; } =
        [
            "actions/checkout", "actions/setup-dotnet", "actions/cache", "actions/upload-artifact", "actions/download-artifact",
            "azure/login", "aws-actions/configure-aws-credentials", "google-github-actions/auth",
            "actions/attest-build-provenance",
        ];

    /// <summary>The pins file compiled into this assembly: this repository's <see cref="FilePath"/> at build time.</summary>
    public static string BuiltInText => BuiltInFile;

    /// <summary>The built-in pins, for a repository without a pins file of its own.</summary>
    public static ActionPins BuiltIn => BuiltInPins.Value;

    /// <summary>Where the pins were read from: <see cref="FilePath"/> or the built-in copy, for messages.</summary>
    public string Source { get; }

    /// <summary>Every pin, in file order.</summary>
    public IReadOnlyList<PinnedAction> All { get; }

    /// <summary>actions/checkout.</summary>
    public PinnedAction Checkout => _byRepository["actions/checkout"];

    /// <summary>actions/setup-dotnet.</summary>
    public PinnedAction SetupDotnet => _byRepository["actions/setup-dotnet"];

    /// <summary>actions/cache.</summary>
    public PinnedAction Cache => _byRepository["actions/cache"];

    /// <summary>actions/upload-artifact.</summary>
    public PinnedAction UploadArtifact => _byRepository["actions/upload-artifact"];

    /// <summary>actions/download-artifact.</summary>
    public PinnedAction DownloadArtifact => _byRepository["actions/download-artifact"];

    /// <summary>azure/login, for jobs whose stage logs in to Azure with OIDC.</summary>
    public PinnedAction AzureLogin => _byRepository["azure/login"];

    /// <summary>aws-actions/configure-aws-credentials, for jobs whose stage logs in to AWS with OIDC.</summary>
    public PinnedAction AwsCredentials => _byRepository["aws-actions/configure-aws-credentials"];

    /// <summary>google-github-actions/auth, for jobs whose stage logs in to Google Cloud with OIDC.</summary>
    public PinnedAction GoogleAuth => _byRepository["google-github-actions/auth"];

    /// <summary>The pin of <paramref name="repository"/> (<c>owner/repo</c>), for action steps that stage kinds ask for; null when not pinned.</summary>
    public PinnedAction? For(string repository) => _byRepository.GetValueOrDefault(repository);

    /// <summary>
    /// The pins of the repository at <paramref name="rootDirectory"/>: its <see cref="FilePath"/> when it has one,
    /// otherwise <see cref="BuiltIn"/>. Reading the file at generation time (not only the compiled copy) is what lets
    /// a bumped pins file regenerate the workflows without rebuilding or editing code.
    /// </summary>
    /// <exception cref="EmissionException">The file breaks a rule of <see cref="Parse"/>.</exception>
    public static ActionPins Load(string rootDirectory)
    {
        var path = Path.Combine(rootDirectory, FilePath);
        return File.Exists(path) ? Parse(File.ReadAllText(path), FilePath) : BuiltIn;
    }

    /// <summary>
    /// Reads a pins file. Each <c>uses:</c> line must be <c>owner/repo@&lt;40-hex sha&gt; # vX.Y.Z</c>, directly below
    /// <c># runs.using: &lt;runtime&gt; (checked for vN)</c>, with a runtime from <see cref="SupportedRuntimes"/> read
    /// for the pinned major; the file pins each of <see cref="Repositories"/> exactly once and nothing else.
    /// </summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="EmissionException">A rule is broken; the message names the line and the fix.</exception>
    public static ActionPins Parse(string text, string source) => new(ActionPinsParser.Parse(text, source), source);

    private static string ReadBuiltIn()
    {
        using var stream = typeof(ActionPins).Assembly.GetManifestResourceStream("LlmOps.Emission.action-pins.yml")
            ?? throw new InvalidOperationException("The built-in action pins resource is missing from " + typeof(ActionPins).Assembly.GetName().Name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
