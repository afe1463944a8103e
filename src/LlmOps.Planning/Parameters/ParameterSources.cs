namespace LlmOps.Planning;

/// <summary>
/// Where parameter values come from, in NUKE's order of precedence: command line, environment,
/// <c>.nuke/parameters.&lt;profile&gt;.json</c>, <c>.nuke/parameters.json</c>. Within each source a name qualified with
/// the pipeline (<c>--support.epochs</c>, <c>SUPPORT_EPOCHS</c>, <c>"Support.Epochs"</c>) wins over the plain name, which
/// applies to every pipeline in <see cref="ForPipelines"/> (all of them unless narrowed).
/// </summary>
public sealed class ParameterSources
{
    // Normalised names of the pipelines plain names apply to; null for all.
    private readonly IReadOnlySet<string>? _sharedScope;

    /// <summary>Creates the sources.</summary>
    /// <param name="rootDirectory">The repository root; relative paths in values resolve against it.</param>
    /// <param name="commandLine">Values given as <c>--name value</c>, keyed by name as typed.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="files">Parameter files, highest precedence first.</param>
    public ParameterSources(string rootDirectory, IReadOnlyDictionary<string, string> commandLine, Func<string, string?> environment, IReadOnlyList<ParameterFile> files)
    {
        RootDirectory = rootDirectory;
        CommandLine = commandLine.ToDictionary(kv => ParameterNames.Normalize(kv.Key), kv => (kv.Key, kv.Value));
        Environment = environment;
        Files = files;
    }

    private ParameterSources(ParameterSources sources, IReadOnlySet<string> sharedScope)
    {
        RootDirectory = sources.RootDirectory;
        CommandLine = sources.CommandLine;
        Environment = sources.Environment;
        Files = sources.Files;
        _sharedScope = sharedScope;
    }

    /// <summary>The repository root.</summary>
    public string RootDirectory { get; }

    /// <summary>Command-line values by normalised name, with the name as typed.</summary>
    public IReadOnlyDictionary<string, (string Typed, string Value)> CommandLine { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Parameter files, highest precedence first.</summary>
    public IReadOnlyList<ParameterFile> Files { get; }

    /// <summary>
    /// The same sources, with plain names (<c>--epochs</c>) applying only to the named pipelines (those of the
    /// selected targets); qualified names still reach any pipeline.
    /// </summary>
    public ParameterSources ForPipelines(IEnumerable<string> pipelineNames) => new(this, pipelineNames.Select(ParameterNames.Normalize).ToHashSet());

    /// <summary>Whether plain names apply to the pipeline <paramref name="pipelineName"/>.</summary>
    public bool SharesWith(string pipelineName) => _sharedScope is null || _sharedScope.Contains(ParameterNames.Normalize(pipelineName));

    /// <summary>Sources with nothing but defaults, for tests and tools.</summary>
    public static ParameterSources Empty(string rootDirectory) => new(rootDirectory, new Dictionary<string, string>(), _ => null, []);

    /// <summary>Loads <c>.nuke/parameters.json</c> and, when <paramref name="profile"/> is set, <c>.nuke/parameters.&lt;profile&gt;.json</c>.</summary>
    public static IReadOnlyList<ParameterFile> LoadFiles(string rootDirectory, string? profile)
    {
        var files = new List<ParameterFile>();
        if (profile is not null)
        {
            var display = $".nuke/parameters.{profile}.json";
            files.Add(ParameterFile.TryLoad(Path.Combine(rootDirectory, display), display)
                ?? throw new DefinitionException($"--profile {profile}: {display} does not exist"));
        }

        var baseFile = ParameterFile.TryLoad(Path.Combine(rootDirectory, ".nuke", "parameters.json"), ".nuke/parameters.json");
        if (baseFile is not null)
        {
            files.Add(baseFile);
        }

        return files;
    }
}
