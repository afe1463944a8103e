using System.Security.Cryptography;
using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>
/// Builds the deployable package: the files of the model the evaluation gate blessed (a model no gate passed does not
/// compile here), the gate's verdict, and a manifest of SHA-256 hashes.
/// </summary>
public static class Packaging
{
    public const string ManifestFile = "manifest.json";

    public static void Pack(StageContext ctx, Blessed<ModelArtifact> blessed, EvalReportArtifact evaluation, PackageArtifact output)
    {
        var model = blessed.Model;
        foreach (var file in model.Files())
        {
            Copy(model.File(file), output.File(file));
        }

        Copy(evaluation.File(VerdictJson.FileName), output.File(VerdictJson.FileName));
        var files = output.Files().Where(f => f != ManifestFile)
            .Select(f => new PackagedFile(f, new FileInfo(output.File(f)).Length, Sha256(output.File(f))))
            .ToList();

        // The version is derived from the content, so the same model always gets the same version.
        var version = "v-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", files.Select(f => f.Sha256)))))[..12];
        var manifest = new PackageManifest("support-intent", version, files);
        File.WriteAllText(output.File(ManifestFile), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        ctx.Log($"packaged {files.Count} files as support-intent {version}");
    }

    public static PackageManifest ReadManifest(string directory) =>
        JsonSerializer.Deserialize<PackageManifest>(File.ReadAllText(Path.Combine(directory, ManifestFile)))
        ?? throw new StageFailedException($"{directory}/{ManifestFile}: empty manifest");

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    public sealed record PackagedFile(string Path, long Size, string Sha256);

    public sealed record PackageManifest(string Name, string Version, IReadOnlyList<PackagedFile> Files);
}
