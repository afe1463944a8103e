using System.Formats.Tar;
using LlmOps.Dsl;
using LlmOps.Tracking.Registry;

namespace LlmOps.Evaluation;

/// <summary>
/// The model a candidate must not be worse than: the deployed one, read from a folder, or the version a registry alias
/// points to (<c>champion</c> in MLflow or the local tracker), downloaded when the gate runs and scored on the same
/// examples with the same predictor. When there is none yet, the gate states a cold start.
/// </summary>
public sealed class Champion
{
    private Champion(string? path, string? subfolder, IReadOnlyList<string> modelFiles, string? registeredModel = null, string? alias = null) =>
        (Path, Subfolder, ModelFiles, RegisteredModel, Alias) = (path, subfolder, modelFiles, registeredModel, alias);

    /// <summary>No champion: every comparison is a stated cold start.</summary>
    public static Champion None { get; } = new(null, null, []);

    /// <summary>The registered model whose aliased version is the champion; null for a deployed folder or none.</summary>
    public string? RegisteredModel { get; }

    /// <summary>The registry alias that names the champion (<c>champion</c> by default); null unless registered.</summary>
    public string? Alias { get; }

    /// <summary>Whether a champion is declared at all (a folder or a registry alias), as opposed to <see cref="None"/>.</summary>
    public bool IsDeclared => Path is not null || RegisteredModel is not null;

    /// <summary>
    /// The files that make up the model (relative to its folder), or empty for every file: the champion's digest in
    /// the cache key covers only these, so redeploying the same model in a new package (a new verdict beside it) does
    /// not re-run the gate.
    /// </summary>
    public IReadOnlyList<string> ModelFiles { get; }

    /// <summary>The absolute folder the champion's model files are in; null for none.</summary>
    public string? Path { get; }

    /// <summary>
    /// A folder inside <see cref="Path"/> that holds the model files, or a file whose content names that folder (the
    /// <c>current</c> pointer an LlmOps deployment writes), or null.
    /// </summary>
    public string? Subfolder { get; }

    /// <summary>
    /// The model deployed at the absolute <paramref name="path"/> (<c>Path.Combine(RootDirectory, DeployDirectory)</c>),
    /// inside <paramref name="subfolder"/>.
    /// </summary>
    public static Champion Deployed(string path, string? subfolder = null, params string[] modelFiles) =>
        string.IsNullOrWhiteSpace(path) || !System.IO.Path.IsPathFullyQualified(path)
            ? throw new ArgumentException($"a champion needs an absolute path (e.g. Path.Combine(RootDirectory, ...)), got '{path}'", nameof(path))
            : new Champion(path, subfolder, modelFiles);

    /// <summary>
    /// The version of <paramref name="modelName"/> that <paramref name="alias"/> points to in the run's model registry
    /// (<c>context.ModelRegistry()</c>: MLflow or the local tracker); the deployment stage moves the alias after a
    /// successful deployment. A model not registered yet, or an alias not set, is a cold start. The version's files
    /// are downloaded once into <c>.llmops/evaluation/champions/</c>; a version packaged as <c>package.tar</c> is
    /// unpacked, and its <c>model/</c> folder is the champion.
    /// </summary>
    /// <param name="modelName">The registered model (the package artifact's name: a package becomes a version of the model of its name).</param>
    /// <param name="alias">The alias naming the champion.</param>
    /// <param name="modelFiles">The files that make up the model, relative to its folder; empty for every file.</param>
    public static Champion Registered(string modelName, string alias = "champion", params string[] modelFiles) =>
        string.IsNullOrWhiteSpace(modelName) || string.IsNullOrWhiteSpace(alias)
            ? throw new ArgumentException("a registered champion needs a model name and an alias")
            : new Champion(null, null, modelFiles, modelName, alias);

    /// <summary>The digest of the champion's model files, or <c>none</c> when there is no champion yet.</summary>
    public string Digest() => Locate() is { } folder ? ModelDigest.Of(folder, ModelFiles) : "none";

    /// <summary>
    /// The champion's model folder, or null when there is none yet: a deployed folder is looked at; a registered
    /// champion asks the registry in <paramref name="services"/> (a <see cref="StageContext"/> or a
    /// <see cref="CacheKeyContext"/>) and downloads the version under <paramref name="stateDirectory"/>.
    /// </summary>
    public async Task<string?> LocateAsync(IServiceProvider services, string stateDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(log);
        if (RegisteredModel is null)
        {
            return Locate();
        }

        var registry = services.GetService(typeof(IModelRegistry)) as IModelRegistry
            ?? throw new StageFailedException($"the champion is {this}, but experiment tracking is off for this run, so there is no model registry to ask (leave tracking on, or declare Champion.Deployed)");
        if (await registry.FindAliasAsync(RegisteredModel, Alias!, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return null;
        }

        var folder = System.IO.Path.Combine(stateDirectory, Safe(registry.Location), Safe(RegisteredModel), version);
        if (!Directory.Exists(folder))
        {
            log($"downloading the champion: model '{RegisteredModel}' version {version} ('{Alias}' in the registry at {registry.Location})");
            await registry.DownloadVersionAsync(RegisteredModel, version, folder, cancellationToken).ConfigureAwait(false);
        }

        return await ModelFolderAsync(folder, cancellationToken).ConfigureAwait(false)
            ?? throw new StageFailedException($"model '{RegisteredModel}' version {version} ('{Alias}') does not hold the champion's model files ({(ModelFiles.Count == 0 ? "any file" : string.Join(", ", ModelFiles))})");
    }

    /// <summary>The champion's model folder, or null when there is none yet (a deployed folder; a registered champion needs <see cref="LocateAsync"/>).</summary>
    public string? Locate()
    {
        if (RegisteredModel is not null)
        {
            throw new InvalidOperationException($"the champion {this} is in a registry: locate it with LocateAsync");
        }

        if (Path is null)
        {
            return null;
        }

        var folder = Subfolder is null ? Path : System.IO.Path.Combine(Path, Subfolder);
        if (File.Exists(folder) && File.ReadAllText(folder).Trim() is { Length: > 0 } pointed && pointed.IndexOfAny(['/', '\\']) < 0 && pointed != "..")
        {
            folder = System.IO.Path.Combine(Path, pointed);
        }

        if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return null;
        }

        // A deployed package keeps the model under model/ (the packaging kind's layout) beside its card and BOM.
        return HoldingModel(folder, System.IO.Path.Combine(folder, "model")) ?? folder;
    }

    /// <summary>
    /// Where the champion is, relative to the repository root (the nearest folder upwards with <c>.nuke/</c>, as the
    /// CLI finds it), so plans, logs and verdicts read the same on every machine; absolute outside any repository.
    /// </summary>
    public override string ToString()
    {
        if (RegisteredModel is not null)
        {
            return $"registry model '{RegisteredModel}' alias '{Alias}'";
        }

        if (Path is null)
        {
            return "none";
        }

        var shown = RepositoryRoot(Path) is { } root ? System.IO.Path.GetRelativePath(root, Path).Replace('\\', '/') : Path;
        return Subfolder is null ? shown : $"{shown}/{Subfolder}";
    }

    // Registered champions are downloaded into the run's state, where every later run finds them.
    internal static string CacheDirectory(string? rootDirectory) =>
        rootDirectory is null ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmops-champions") : StateLayout.Of(rootDirectory).Part("evaluation", "champions");

    // The registry's location may be a URL; the folder name must not be able to climb out or collide by case.
    private static string Safe(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')).TrimStart('.') is { Length: > 0 } safe
            ? safe + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8]
            : "_";

    // A version may be the model folder itself, hold it under model/, or be a package archive with model/ inside
    // (unpacked once beside the download, renamed into place).
    private async Task<string?> ModelFolderAsync(string downloaded, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (File.Exists(System.IO.Path.Combine(downloaded, "package.tar")))
        {
            var unpacked = downloaded + ".unpacked";
            if (!Directory.Exists(unpacked))
            {
                var staging = $"{unpacked}-{Guid.NewGuid():N}";
                Directory.CreateDirectory(staging);
                try
                {
                    await TarFile.ExtractToDirectoryAsync(System.IO.Path.Combine(downloaded, "package.tar"), staging, overwriteFiles: false, cancellationToken).ConfigureAwait(false);
                    Directory.Move(staging, unpacked);
                }
                finally
                {
                    if (Directory.Exists(staging))
                    {
                        Directory.Delete(staging, recursive: true);
                    }
                }
            }

            candidates.AddRange([System.IO.Path.Combine(unpacked, "model"), unpacked]);
        }

        candidates.AddRange([System.IO.Path.Combine(downloaded, "model"), downloaded]);
        return HoldingModel([.. candidates]);
    }

    // The first folder that holds the model files (any file when none are declared).
    private string? HoldingModel(params string[] candidates) =>
        candidates.FirstOrDefault(c => Directory.Exists(c) && (ModelFiles.Count == 0
            ? Directory.EnumerateFiles(c).Any()
            : ModelFiles.All(f => File.Exists(System.IO.Path.Combine(c, f)))));

    private static string? RepositoryRoot(string path)
    {
        for (var directory = new DirectoryInfo(path).Parent; directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
