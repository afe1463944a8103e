using System.Text.Json;

namespace LlmOps.Deployment;

/// <summary>
/// The package a deployment takes: its name, version and a way to lay its model's files into a folder. Reads the
/// package stage's manifest (<c>manifest.json</c> with <c>name</c> and <c>version</c>) beside the files it lists.
/// </summary>
public sealed class DeployablePackage
{
    private const string ManifestFile = "manifest.json";

    private DeployablePackage(string directory, string name, string version) => (Directory, Name, Version) = (directory, name, version);

    /// <summary>The package artifact's folder.</summary>
    public string Directory { get; }

    /// <summary>The package name (<c>support-intent</c>).</summary>
    public string Name { get; }

    /// <summary>The package version.</summary>
    public string Version { get; }

    /// <summary>Opens the package in <paramref name="directory"/>.</summary>
    /// <exception cref="DeploymentException">No manifest, or one without a name or version.</exception>
    public static DeployablePackage Open(string directory)
    {
        var manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest))
        {
            throw new DeploymentException($"{manifest} is missing: the package stage writes it, is this a package?");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var name = Field(document.RootElement, "name", manifest);
            var version = Field(document.RootElement, "version", manifest);
            if (version.IndexOfAny(['/', '\\', ':']) >= 0 || version is "." or "..")
            {
                throw new DeploymentException($"{manifest}: version '{version}' cannot name a folder or an image tag");
            }

            return new DeployablePackage(directory, name, version);
        }
        catch (JsonException e)
        {
            throw new DeploymentException($"{manifest}: line {e.LineNumber + 1}: not valid JSON ({e.Message})");
        }
    }

    /// <summary>Copies the package's files (the model and what the package put beside it) into <paramref name="destination"/>.</summary>
    public void ExtractTo(string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string Field(JsonElement root, string name, string file) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new DeploymentException($"{file}: field '{name}' (a non-empty string) is missing");
}
