using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>
/// Deploys a package into <c>&lt;target&gt;/&lt;version&gt;/</c> and points <c>&lt;target&gt;/current</c> at it.
/// Both steps are renames, so a reader of the target never sees a half-copied model.
/// </summary>
public static class Deployment
{
    public static void Deploy(StageContext ctx, PackageArtifact package, ReportArtifact record, string targetDirectory)
    {
        var manifest = Packaging.ReadManifest(package.Directory);
        var target = Path.GetFullPath(targetDirectory, ctx.RootDirectory);
        var versionDirectory = Path.Combine(target, manifest.Version);
        Directory.CreateDirectory(target);
        if (!Directory.Exists(versionDirectory))
        {
            var staging = Path.Combine(target, $".staging-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            foreach (var file in package.Files())
            {
                var destination = Path.Combine(staging, file);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(package.File(file), destination);
            }

            Directory.Move(staging, versionDirectory);
        }

        var pointer = Path.Combine(target, "current");
        var temp = pointer + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, manifest.Version + "\n");
        File.Move(temp, pointer, overwrite: true);
        File.WriteAllText(record.File("deployment.json"), JsonSerializer.Serialize(new
        {
            name = manifest.Name,
            version = manifest.Version,
            target = Path.GetRelativePath(ctx.RootDirectory, versionDirectory).Replace('\\', '/'),
        }, new JsonSerializerOptions { WriteIndented = true }));
        ctx.Log($"deployed {manifest.Name} {manifest.Version} to {Path.GetRelativePath(ctx.RootDirectory, versionDirectory)}");
        ctx.Summary($"### Deployment\n\n{manifest.Name} **{manifest.Version}** deployed to `{Path.GetRelativePath(ctx.RootDirectory, versionDirectory)}`.\n");
    }
}
