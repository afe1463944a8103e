using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// Packages the model the evaluation gate blessed (an unblessed model does not compile here) with its verdict, a
/// manifest of SHA-256 hashes and the lineage (base model, trainer image), and records it in the local model registry
/// under a content-derived version. The gate itself is the Evaluate stage's.
/// </summary>
public static class Registration
{
    public const string ManifestFile = "manifest.json";
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Register(StageContext ctx, Blessed<ModelArtifact> approved, EvalReportArtifact evaluation, PackageArtifact output, Lineage lineage, string registryDirectory)
    {
        var model = approved.Model;
        foreach (var file in model.Files())
        {
            Copy(model.File(file), output.File(Path.Combine("model", file)));
        }

        Copy(evaluation.File(VerdictJson.FileName), output.File(VerdictJson.FileName));
        var files = output.Files().Where(f => f != ManifestFile)
            .Select(f => new PackagedFile(f, new FileInfo(output.File(f)).Length, Sha256(output.File(f))))
            .ToList();
        var version = "v-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", files.Select(f => f.Sha256)))))[..12];
        var manifest = new Manifest(lineage.ModelName, version, lineage, approved.Blessing.Stage, files);
        var json = JsonSerializer.Serialize(manifest, Indented);
        File.WriteAllText(output.File(ManifestFile), json);

        // The registry entry is outside the store, so it is written as temp file + rename like every result file.
        var entry = Path.GetFullPath(Path.Combine(ctx.RootDirectory, registryDirectory, lineage.ModelName, version + ".json"));
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        var temp = entry + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, entry, overwrite: true);
        ctx.Log($"registered {lineage.ModelName} {version} in {Path.GetRelativePath(ctx.RootDirectory, entry)}");
        ctx.Summary($"Registered **{lineage.ModelName} {version}**: ONNX model tuned from `{lineage.BaseModel}`, blessed by {approved.Blessing.Stage}.");
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    /// <summary>Where the model came from.</summary>
    public sealed record Lineage(string ModelName, string BaseModel, string BaseModelRevision, string TrainerImage);

    sealed record PackagedFile(string Path, long Size, string Sha256);

    sealed record Manifest(string Name, string Version, Lineage Lineage, string BlessedBy, IReadOnlyList<PackagedFile> Files);
}
