using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>
/// A model that an evaluation gate passed. Packaging and deployment take <c>Blessed&lt;ModelArtifact&gt;</c>, so
/// wiring a model no gate passed into them does not compile: the only stage that writes one is a gate declared with
/// <c>.Blesses(...)</c>, which copies the model in only after every rule passed. Reading <see cref="Model"/> checks
/// that the files are the ones the gate passed, so a hand-made folder is refused at run time too.
/// </summary>
/// <typeparam name="TModel">The kind of model blessed.</typeparam>
public sealed class Blessed<TModel> : ArtifactFolder, IArtifactKind<Blessed<TModel>>
    where TModel : IArtifactKind<TModel>
{
    /// <summary>The folder inside the artifact holding the model's files.</summary>
    public const string ModelFolder = "model";

    /// <summary>The file recording which gate passed which model files.</summary>
    public const string BlessingFile = "blessing.json";

    /// <summary>The verdict of the gate that passed the model.</summary>
    public const string VerdictFile = "verdict.json";

    private Blessed(string directory)
        : base(directory)
    {
    }

    static string IArtifactKind<Blessed<TModel>>.KindName => "blessed-" + TModel.KindName;

    /// <summary>The blessed model, after checking its files are the ones the gate passed.</summary>
    /// <exception cref="StageFailedException">There is no blessing, or the model files changed after the gate.</exception>
    public TModel Model
    {
        get
        {
            var blessing = Blessing;
            var digest = ModelDigest.Of(File(ModelFolder));
            return digest == blessing.ModelDigest
                ? TModel.Open(File(ModelFolder))
                : throw new StageFailedException($"{Directory}: the model files ({digest}) are not the ones gate {blessing.Stage} passed ({blessing.ModelDigest})");
        }
    }

    /// <summary>Which gate passed the model, when, and the model's digest.</summary>
    /// <exception cref="StageFailedException">The artifact carries no blessing.</exception>
    public BlessingRecord Blessing
    {
        get
        {
            var path = File(BlessingFile);
            if (!System.IO.File.Exists(path))
            {
                throw new StageFailedException($"{Directory}: no {BlessingFile}; only an evaluation gate that passed can bless a model");
            }

            return JsonSerializer.Deserialize<BlessingRecord>(System.IO.File.ReadAllText(path), VerdictJson.Options)
                ?? throw new StageFailedException($"{path}: empty blessing");
        }
    }

    static Blessed<TModel> IArtifactKind<Blessed<TModel>>.Open(string directory) => new(directory);

    /// <summary>Copies the passed model into <paramref name="output"/> with its blessing; called only by a gate that passed.</summary>
    internal static void Write(string output, string modelDirectory, string stage, Verdict verdict)
    {
        if (!verdict.Passed)
        {
            throw new InvalidOperationException("a model the gate did not pass cannot be blessed");
        }

        var target = Path.Combine(output, ModelFolder);
        foreach (var file in System.IO.Directory.EnumerateFiles(modelDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(modelDirectory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            System.IO.File.Copy(file, copy, overwrite: true);
        }

        var record = new BlessingRecord(stage, ModelDigest.Of(target), verdict.Rules.Where(r => r.Override is not null).Select(r => r.Override!).ToList());
        AtomicFile.WriteAllText(Path.Combine(output, BlessingFile), JsonSerializer.Serialize(record, VerdictJson.Options));
        AtomicFile.WriteAllText(Path.Combine(output, VerdictFile), VerdictJson.Write(verdict));
    }
}

/// <summary>What a blessing records; no time stamp, so the same model blessed by the same verdict is the same artifact and what follows stays cached.</summary>
/// <param name="Stage">The gate stage that passed the model.</param>
/// <param name="ModelDigest">The digest of the model files it passed.</param>
/// <param name="Overrides">Rules that were overridden to let it through (each with who and when).</param>
public sealed record BlessingRecord(string Stage, string ModelDigest, IReadOnlyList<GateOverride> Overrides);
