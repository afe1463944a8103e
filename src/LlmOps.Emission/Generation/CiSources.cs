namespace LlmOps.Emission;

/// <summary>
/// The files a CI cache key hashes. The compiled build program depends on exactly the sources <c>build.sh</c> watches
/// (C# files, project files, MSBuild props and targets, global.json), so a cache keyed on their hash holds a program
/// built from the same sources, and a job that restores it can run it instead of compiling again.
/// </summary>
internal static class CiSources
{
    /// <summary>Where <c>build.sh</c> puts the compiled program.</summary>
    public const string ProgramDirectory = "build/bin";

    /// <summary>The stamp <c>build.sh</c> compares sources against; touched after a restore, it takes the fast path.</summary>
    public const string Stamp = ".nuke/temp/build.stamp";

    /// <summary>
    /// The script that marks a restored program current: the checkout gave every source a newer time than any restored
    /// file, and the cache key proves the sources are the ones the program was compiled from.
    /// </summary>
    public static string MarkProgramCurrent => $"mkdir -p {Path.GetDirectoryName(Stamp)}\ntouch {Stamp}\n";

    /// <summary>The source patterns: everything that goes into the build program.</summary>
    public static readonly IReadOnlyList<string> Patterns = ["**/*.cs", "**/*.csproj", "**/*.props", "**/*.targets", "global.json"];

    /// <summary>Checks user-declared patterns: they end up inside a GitHub expression and an Azure key.</summary>
    public static IReadOnlyList<string> Checked(IReadOnlyList<string> patterns, string where, string what)
    {
        var bad = patterns.FirstOrDefault(p => p.Length == 0 || p.Any(c => c is '\'' or '"' or ',' or '|' or '$' or '{' or '}' or '\n' or '\r' || char.IsControl(c)));
        return bad is null && patterns.Count > 0
            ? patterns
            : throw new EmissionException($"{where}: {what} needs file patterns without quotes, ',', '|', '$', braces or line breaks; '{bad}' is not one.");
    }

    /// <summary>The GitHub expression hashing <paramref name="patterns"/>.</summary>
    public static string GitHubHash(IEnumerable<string> patterns) => $"${{{{ hashFiles({string.Join(", ", patterns.Select(p => $"'{p}'"))}) }}}}";

    /// <summary>The Azure Cache@2 key segment hashing <paramref name="patterns"/>.</summary>
    public static string AzureSegment(IEnumerable<string> patterns) => string.Join(", ", patterns);
}
