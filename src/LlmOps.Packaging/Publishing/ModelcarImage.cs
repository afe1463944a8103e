using System.Text.Json.Nodes;
using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging;

/// <summary>
/// A "modelcar" image of a package, as KServe's modelcars consume: one uncompressed layer holding the model's files
/// under <c>/models/</c>, plus the card, BOM and manifest under <c>/models/.llmops/</c>. Built with the package's
/// reproducible tar writer, so one package gives one layer digest. The image holds no shell: KServe's sidecar needs
/// one, so for KServe layer it onto a small base (docs/packaging.md).
/// </summary>
internal static class ModelcarImage
{
    public const string ModelsFolder = "models";

    /// <summary>Writes the layer for the package in <paramref name="contents"/> to <paramref name="layerPath"/>, checking every file against the manifest; returns its digest, <c>sha256:&lt;hex&gt;</c>, taken as it is written.</summary>
    public static string WriteLayer(PackageContents contents, string layerPath, string scratch)
    {
        contents.ExtractTo(scratch);
        var entries = new List<ArchiveEntry>();
        foreach (var file in contents.Files)
        {
            var target = file.Path.StartsWith(PackageLayout.ModelFolder + "/", StringComparison.Ordinal)
                ? ModelsFolder + file.Path[PackageLayout.ModelFolder.Length..]
                : file.Path is PackageLayout.ModelCard or PackageLayout.Bom ? $"{ModelsFolder}/.llmops/{file.Path}" : null;
            if (target is not null)
            {
                entries.Add(ArchiveEntry.FromFile(target, Path.Combine(scratch, file.Path)));
            }
        }

        using var output = new FileStream(layerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var hashing = new HashingStream(output);
        ReproducibleTar.Write(entries, hashing);
        return "sha256:" + hashing.Sha256;
    }

    /// <summary>The image config: linux, the layer as the only diff id, labels naming the package.</summary>
    public static byte[] Config(PackageRecord record, OciDescriptor layer) => PackageJson.Bytes(new JsonObject
    {
        ["architecture"] = "amd64",
        ["os"] = "linux",
        ["config"] = new JsonObject
        {
            ["Labels"] = new JsonObject
            {
                ["org.opencontainers.image.title"] = record.Name,
                ["org.opencontainers.image.version"] = record.Version,
                [OciPackageLayout.PackageDigestAnnotation] = record.Digest,
            },
        },
        ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(layer.Digest) },
    });

    public static OciManifest Manifest(PackageRecord record, OciDescriptor config, OciDescriptor layer) =>
        new(2, OciMediaTypes.ImageManifest, null, config, [layer], new Dictionary<string, string>
        {
            ["org.opencontainers.image.title"] = record.Name,
            ["org.opencontainers.image.version"] = record.Version,
            [OciPackageLayout.PackageDigestAnnotation] = record.Digest,
        });
}
