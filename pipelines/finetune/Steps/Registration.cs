using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// Gates the adapter on its evaluation, packages it with a manifest of SHA-256 hashes and the lineage (base model,
/// trainer image), and records it in the local model registry under a content-derived version.
/// </summary>
public static class Registration
{
    public const string ManifestFile = "manifest.json";
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Register(StageContext ctx, ModelArtifact adapter, EvalReportArtifact evaluation, PackageArtifact output, Lineage lineage, double maxEvalLoss, string registryDirectory)
    {
        var report = ReadEval(evaluation.File("eval.json"));
        ctx.Metric("eval_loss", report.EvalLoss);
        if (!double.IsFinite(report.EvalLoss) || report.EvalLoss > maxEvalLoss)
        {
            throw new StageFailedException($"gate failed: eval loss {report.EvalLoss:0.0000} is above --max-eval-loss {maxEvalLoss:0.0000}; the adapter is not registered");
        }

        foreach (var file in adapter.Files())
        {
            Copy(adapter.File(file), output.File(Path.Combine("adapter", file)));
        }

        Copy(evaluation.File("eval.json"), output.File("eval.json"));
        var files = output.Files().Where(f => f != ManifestFile)
            .Select(f => new PackagedFile(f, new FileInfo(output.File(f)).Length, Sha256(output.File(f))))
            .ToList();
        var version = "v-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", files.Select(f => f.Sha256)))))[..12];
        var manifest = new Manifest(lineage.ModelName, version, lineage, report.EvalLoss, files);
        var json = JsonSerializer.Serialize(manifest, Indented);
        File.WriteAllText(output.File(ManifestFile), json);

        // The registry entry is outside the store, so it is written as temp file + rename like every result file.
        var entry = Path.GetFullPath(Path.Combine(ctx.RootDirectory, registryDirectory, lineage.ModelName, version + ".json"));
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        var temp = entry + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, entry, overwrite: true);
        ctx.Log($"registered {lineage.ModelName} {version} (eval loss {report.EvalLoss:0.0000}) in {Path.GetRelativePath(ctx.RootDirectory, entry)}");
        ctx.Summary($"Registered **{lineage.ModelName} {version}**: LoRA adapter of `{lineage.BaseModel}`, eval loss {report.EvalLoss:0.0000}.");
    }

    static EvalReport ReadEval(string path)
    {
        if (!File.Exists(path))
        {
            throw new StageFailedException($"the evaluation did not write eval.json ({path})");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.TryGetProperty("eval_loss", out var loss) && loss.TryGetDouble(out var value)
                ? new EvalReport(value)
                : throw new StageFailedException($"{path}: field 'eval_loss' is missing or not a number");
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"{path}: not valid JSON ({e.Message.Split('.')[0]})");
        }
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

    /// <summary>Where the adapter came from.</summary>
    public sealed record Lineage(string ModelName, string BaseModel, string BaseModelRevision, string TrainerImage);

    sealed record EvalReport(double EvalLoss);

    sealed record PackagedFile(string Path, long Size, string Sha256);

    sealed record Manifest(string Name, string Version, Lineage Lineage, double EvalLoss, IReadOnlyList<PackagedFile> Files);
}
