using System.Text.Json;
using LlmOps.Packaging;

namespace LlmOps.Deployment;

/// <summary>
/// The package a deployment takes: its name, version and a way to lay its files into a folder. A package in the
/// packaging contract's layout (<c>package.tar</c> and <c>package.json</c>) is read through
/// <see cref="PackageContents"/>, which checks every file's hash while extracting; a flat package (files beside a
/// <c>manifest.json</c> naming <c>name</c> and <c>version</c>) is copied as it is.
/// </summary>
public sealed class DeployablePackage
{
    private const string ManifestFile = "manifest.json";

    private readonly PackageContents? _contents;

    private DeployablePackage(string directory, string name, string version, PackageContents? contents = null) =>
        (Directory, Name, Version, _contents) = (directory, name, version, contents);

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
        if (File.Exists(Path.Combine(directory, PackageLayout.Archive)))
        {
            try
            {
                var contents = PackageContents.Open(directory);
                return new DeployablePackage(directory, contents.Name, Checked(contents.Version, Path.Combine(directory, PackageLayout.Record)), contents);
            }
            catch (PackageException e)
            {
                throw new DeploymentException(e.Message);
            }
        }

        var manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest))
        {
            throw new DeploymentException($"{manifest} is missing: the package stage writes it, is this a package?");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var name = Field(document.RootElement, "name", manifest);
            return new DeployablePackage(directory, name, Checked(Field(document.RootElement, "version", manifest), manifest));
        }
        catch (JsonException e)
        {
            throw new DeploymentException($"{manifest}: line {e.LineNumber + 1}: not valid JSON ({e.Message})");
        }
    }

    /// <summary>Copies the package's files (the model and what the package put beside it) into <paramref name="destination"/>.</summary>
    /// <exception cref="DeploymentException">A file of the archive does not match its recorded hash.</exception>
    public void ExtractTo(string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        if (_contents is not null)
        {
            try
            {
                _contents.ExtractTo(destination);
                return;
            }
            catch (PackageException e)
            {
                throw new DeploymentException(e.Message);
            }
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string Checked(string version, string file) =>
        version.IndexOfAny(['/', '\\', ':']) >= 0 || version is "." or ".." || version.Length > 100
            ? throw new DeploymentException($"{file}: version '{version}' cannot name a folder or an image tag")
            : version;

    // A flat manifest a pipeline's own package code writes may use .NET's default (PascalCase) names; the contract's is camelCase.
    private static string Field(JsonElement root, string name, string file) =>
        root.ValueKind == JsonValueKind.Object
            && root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            && value.GetString() is { Length: > 0 } text
            ? text
            : throw new DeploymentException($"{file}: field '{name}' (a non-empty string) is missing");
}
