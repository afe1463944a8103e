using System.Security.Cryptography;
using System.Text;
using LlmOps.Evaluation;

namespace LlmOps.Packaging;

/// <summary>
/// Builds a package directory from resolved inputs: checks the model is the one the gate blessed, writes the card and
/// the ML-BOM, the reproducible archive (hashed as it is written), then the signed provenance and the record.
/// </summary>
internal static class PackageBuilder
{
    /// <summary>The gate's verdict inside the evidence folder.</summary>
    public const string VerdictEntry = "verdict.json";

    /// <summary>What a build produced.</summary>
    public sealed record Result(PackageRecord Record, byte[] Statement);

    /// <summary>What the signing and provenance need beyond the inputs.</summary>
    public sealed record Signing(SigningKey Key, bool DevelopmentKey, BuildRun Run, IReadOnlyList<KeyValuePair<string, string>> ExternalParameters, DateTimeOffset StartedOn, Func<DateTimeOffset> Clock);

    /// <summary>Builds the package of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <exception cref="PackageException">The model is not the one blessed, a required card field is missing, a path cannot be archived.</exception>
    public static Result Build(PackageInput input, string output, Signing signing)
    {
        if (ModelCardWriter.MissingFields(input) is { Count: > 0 } missing)
        {
            throw new PackageException($"the model card of {input.Name} requires {string.Join(", ", missing.Select(f => $"'{f}'"))}, which {(missing.Count == 1 ? "is" : "are")} not declared ({Hint(missing[0])})");
        }

        var entries = new List<ArchiveEntry>();
        var files = new List<PackageFile>();
        void Add(string path, string file, string sha)
        {
            entries.Add(ArchiveEntry.FromFile(path, file));
            files.Add(new PackageFile(path, new FileInfo(file).Length, sha));
        }

        void AddBytes(string path, byte[] bytes)
        {
            entries.Add(ArchiveEntry.FromBytes(path, bytes));
            files.Add(new PackageFile(path, bytes.Length, Sha256File.Of(bytes)));
        }

        var model = Hashed(input.ModelDirectory);
        var modelDigest = FolderDigest(model);
        if (modelDigest != input.Blessing.ModelDigest)
        {
            throw new PackageException($"{input.ModelDirectory}: the model files ({modelDigest}) are not the ones gate {input.Blessing.Stage} passed ({input.Blessing.ModelDigest})");
        }

        foreach (var (relative, file, sha) in model)
        {
            Add($"{PackageLayout.ModelFolder}/{relative}", file, sha);
        }

        Add($"{PackageLayout.EvidenceFolder}/{VerdictEntry}", input.VerdictPath, Sha256File.Of(input.VerdictPath));
        foreach (var evidence in input.Evidence)
        {
            foreach (var (relative, file, sha) in Hashed(evidence.Directory))
            {
                Add($"{PackageLayout.EvidenceFolder}/{evidence.Path}/{relative}", file, sha);
            }
        }

        var datasetDigests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dataset in input.Datasets)
        {
            datasetDigests[dataset.Name] = FolderDigest(Hashed(dataset.Directory));
            if (dataset.ValidationDirectory is { } validation)
            {
                foreach (var (relative, file, sha) in Hashed(validation))
                {
                    Add($"{PackageLayout.EvidenceFolder}/validation/{dataset.Name}/{relative}", file, sha);
                }
            }
        }

        var version = Version(input, files, datasetDigests);
        var verdict = ReadVerdict(input.VerdictPath);
        AddBytes(PackageLayout.ModelCard, Encoding.UTF8.GetBytes(ModelCardWriter.Write(input, version, verdict, datasetDigests)));
        var bom = MlBomWriter.Write(input, version, modelDigest, verdict, datasetDigests);
        if (BomSchema.Problems(Encoding.UTF8.GetString(bom)) is { Count: > 0 } problems)
        {
            throw new PackageException($"the ML-BOM written for {input.Name} does not match the CycloneDX 1.6 schema: {string.Join("; ", problems.Take(5))}");
        }

        AddBytes(PackageLayout.Bom, bom);
        var manifest = new PackageManifest(input.Name, version, files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
        entries.Add(ArchiveEntry.FromBytes(PackageLayout.Manifest, PackageJson.Bytes(manifest)));

        Directory.CreateDirectory(output);
        var digest = WriteArchive(entries, Path.Combine(output, PackageLayout.Archive));
        var record = new PackageRecord(input.Name, version, "sha256:" + digest, signing.Key.KeyId, true, signing.DevelopmentKey);
        var statement = ProvenanceStatement.Write(input, record, modelDigest, datasetDigests, signing.Run, signing.ExternalParameters, signing.StartedOn, signing.Clock());
        var envelope = Dsse.Sign(PackageLayout.InTotoPayloadType, statement, signing.Key);
        AtomicFile.WriteAllBytes(Path.Combine(output, PackageLayout.Provenance), PackageJson.Bytes(envelope));
        AtomicFile.WriteAllBytes(Path.Combine(output, PackageLayout.Record), PackageJson.Bytes(record));
        return new Result(record, statement);
    }

    /// <summary>Every file under <paramref name="directory"/> with its relative path and SHA-256, in ordinal order.</summary>
    internal static List<(string Relative, string File, string Sha256)> Hashed(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(directory, f).Replace('\\', '/'), File: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => (f.Relative, f.File, Sha256File.Of(f.File)))
            .ToList();

    /// <summary>The folder digest <see cref="ModelDigest"/> computes, from hashes already taken, so a 1 GB model is read once for it.</summary>
    internal static string FolderDigest(IEnumerable<(string Relative, string File, string Sha256)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, _, sha) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(Convert.FromHexString(sha));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string WriteArchive(IEnumerable<ArchiveEntry> entries, string path)
    {
        var digest = "";
        AtomicFile.Write(path, stream =>
        {
            using var hashing = new HashingStream(stream);
            ReproducibleTar.Write(entries, hashing);
            digest = hashing.Sha256;
        });
        return digest;
    }

    // The version names the content: the same model, evidence and declaration always get the same version.
    private static string Version(PackageInput input, IEnumerable<PackageFile> files, IReadOnlyDictionary<string, string> datasets)
    {
        var text = new StringBuilder();
        text.Append(input.Name).Append('\n').Append(input.Card.Describe()).Append('\n');
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(file.Path).Append(' ').Append(file.Sha256).Append('\n');
        }

        foreach (var (name, digest) in datasets.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(' ').Append(digest).Append('\n');
        }

        text.Append(input.BaseModel).Append('\n').Append(input.TrainerImage).Append('\n');
        text.AppendJoin('\n', input.TrainingParameters.Concat(input.Frameworks).Select(p => $"{p.Key}={p.Value}"));
        return "v-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private static Verdict ReadVerdict(string path)
    {
        try
        {
            return VerdictJson.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            throw new PackageException($"{path}: the gate's verdict cannot be read ({e.Message})", e);
        }
    }

    private static string Hint(string field) => field switch
    {
        "base_model" => "add .BaseModel(name, revision, license) to the stage",
        "datasets" => "add .Datasets(artifact, license: ...) to the stage",
        "training_parameters" => "add .TrainingParameters(() => ...) to the stage",
        "trainer_image" => "add .TrainerImage(\"image@sha256:...\") to the stage",
        _ => $"add .{string.Concat(field.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}(...) inside .ModelCard(c => ...)",
    };
}
