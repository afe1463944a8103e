using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace LlmOps.Deployment;

/// <summary>
/// A hash of what the serving program is built from: the sources of its project and of every project it references,
/// transitively, the repository's build settings and the SDK's runtime. A deployment republishes the program only
/// when it changed, so deploying again with nothing new costs seconds instead of an incremental <c>dotnet publish</c>.
/// </summary>
internal static class ServingSources
{
    private static readonly HashSet<string> Kinds = new(StringComparer.OrdinalIgnoreCase) { ".cs", ".csproj", ".props", ".targets", ".json", ".resx" };

    public static string Hash(string project, string rootDirectory)
    {
        var projects = new SortedSet<string>(StringComparer.Ordinal);
        Collect(Path.GetFullPath(project), projects);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, "runtime", RuntimeInformation.FrameworkDescription);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config" })
        {
            var file = Path.Combine(rootDirectory, name);
            if (File.Exists(file))
            {
                Add(hash, name, File.ReadAllText(file));
            }
        }

        foreach (var directory in projects.Select(p => Path.GetDirectoryName(p)!).Distinct(StringComparer.Ordinal))
        {
            foreach (var file in SourceFiles(directory))
            {
                Add(hash, Path.GetRelativePath(rootDirectory, file).Replace('\\', '/'), File.ReadAllText(file));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Collect(string project, ISet<string> projects)
    {
        if (!projects.Add(project) || !File.Exists(project))
        {
            return;
        }

        var directory = Path.GetDirectoryName(project)!;
        foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
        {
            if (reference.Attribute("Include")?.Value is { Length: > 0 } include)
            {
                Collect(Path.GetFullPath(include.Replace('\\', Path.DirectorySeparatorChar), directory), projects);
            }
        }
    }

    // bin/ and obj/ are outputs; a nested project's own folder is hashed when it is referenced, not as part of this one.
    private static IEnumerable<string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Kinds.Contains(Path.GetExtension(f)))
            .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static void Add(IncrementalHash hash, string name, string content)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(name + "\0" + content.Length + "\0"));
        hash.AppendData(Encoding.UTF8.GetBytes(content));
    }
}
