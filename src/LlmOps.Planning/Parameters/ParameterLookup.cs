namespace LlmOps.Planning;

/// <summary>
/// Finds the text a parameter gets: sources in order of precedence (command line, environment, files), and within
/// each the name qualified with the pipeline (<c>--support.epochs</c>) before the plain one (<c>--epochs</c>), which
/// counts only where the sources share plain names with this pipeline.
/// </summary>
internal static class ParameterLookup
{
    /// <summary>A value found for a parameter.</summary>
    /// <param name="Text">The value as text.</param>
    /// <param name="Source">Where it came from, for help and run records.</param>
    /// <param name="Where">Where it was written, for error messages.</param>
    /// <param name="Shared">Whether it was given by the plain name.</param>
    public sealed record Found(string Text, string Source, string Where, bool Shared);

    public static Found? Find(ParameterModel parameter, string pipelineName, ParameterSources sources)
    {
        var shared = sources.SharesWith(pipelineName);
        return FromCommandLine(parameter, pipelineName, sources, shared)
            ?? FromEnvironment(parameter, pipelineName, sources, shared)
            ?? FromFiles(parameter, pipelineName, sources, shared);
    }

    private static Found? FromCommandLine(ParameterModel parameter, string pipelineName, ParameterSources sources, bool shared)
    {
        if (sources.CommandLine.TryGetValue(ParameterNames.NormalizeQualified(pipelineName, parameter.Name), out var qualified))
        {
            return new Found(qualified.Value, "command line", $"--{qualified.Typed}", Shared: false);
        }

        return shared && sources.CommandLine.TryGetValue(ParameterNames.Normalize(parameter.Name), out var plain)
            ? new Found(plain.Value, "command line", $"--{plain.Typed}", Shared: true)
            : null;
    }

    private static Found? FromEnvironment(ParameterModel parameter, string pipelineName, ParameterSources sources, bool shared)
    {
        var qualified = ParameterNames.QualifiedEnvironment(pipelineName, parameter.Name).SelectMany(n => new[] { "LLMOPS_" + n, n });
        foreach (var name in qualified)
        {
            if (sources.Environment(name) is { } value)
            {
                return new Found(value, $"environment ({name})", $"environment variable {name}", Shared: false);
            }
        }

        if (!shared)
        {
            return null;
        }

        var plain = ParameterNames.ToEnvironment(parameter.Name);
        foreach (var name in new[] { "LLMOPS_" + plain, plain })
        {
            if (sources.Environment(name) is { } value)
            {
                return new Found(value, $"environment ({name})", $"environment variable {name}", Shared: true);
            }
        }

        return null;
    }

    // A file may name a parameter as the command line does (epochs) or as the schema lists it (the member, Epochs).
    private static Found? FromFiles(ParameterModel parameter, string pipelineName, ParameterSources sources, bool shared)
    {
        string[] names = [parameter.Name, parameter.MemberName];
        foreach (var file in sources.Files)
        {
            foreach (var name in names)
            {
                if (file.Entries.TryGetValue(ParameterNames.NormalizeQualified(pipelineName, name), out var entry))
                {
                    return new Found(entry.Value, file.DisplayPath, $"{file.DisplayPath}:{entry.Line}: {entry.Key}", Shared: false);
                }
            }

            foreach (var name in names)
            {
                if (shared && file.Entries.TryGetValue(ParameterNames.Normalize(name), out var entry))
                {
                    return new Found(entry.Value, file.DisplayPath, $"{file.DisplayPath}:{entry.Line}: {entry.Key}", Shared: true);
                }
            }
        }

        return null;
    }
}
