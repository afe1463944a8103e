namespace LlmOps.Planning;

/// <summary>
/// Plain parameter names across pipelines: <c>--epochs 5</c> sets <c>Epochs</c> of the pipelines of the selected
/// targets (see <see cref="ParameterSources.ForPipelines"/>), and when more than one of them has it, the user must
/// say which, with the qualified forms this class names.
/// </summary>
public static class ParameterScope
{
    /// <summary>
    /// One message per plain name (command line, environment or file) that reached more than one of
    /// <paramref name="selected"/>, naming the qualified forms that address each pipeline.
    /// </summary>
    public static IReadOnlyList<string> Ambiguities(IEnumerable<PipelineModel> selected)
    {
        var problems = new List<string>();
        var reached = selected
            .SelectMany(p => p.Parameters.Where(x => x.SharedSource is not null).Select(x => (Pipeline: p, Parameter: x)))
            .GroupBy(x => x.Parameter.SharedSource!);
        foreach (var group in reached)
        {
            var uses = group.DistinctBy(x => x.Pipeline).ToList();
            if (uses.Count < 2)
            {
                continue;
            }

            var pipelines = string.Join(", ", uses.Select(u => u.Pipeline.Name));
            var commandLine = string.Join(", ", uses.Select(u => $"--{ParameterNames.Qualified(u.Pipeline.Name, u.Parameter.Name)}"));
            var environment = string.Join(", ", uses.Select(u => Environment(u.Pipeline.Name, u.Parameter.Name)));
            var files = string.Join(", ", uses.Select(u => $"\"{u.Pipeline.Name}.{u.Parameter.MemberName}\""));
            problems.Add($"{group.Key} is ambiguous: more than one selected pipeline has it ({pipelines}). Name the pipeline: {commandLine} " +
                $"(environment {environment}; .nuke/parameters.json {files}).");
        }

        return problems;
    }

    /// <summary>The qualified environment variable and its prefixed form: <c>SUPPORT_EPOCHS/LLMOPS_SUPPORT_EPOCHS</c>.</summary>
    public static string Environment(string pipelineName, string parameterName)
    {
        var name = ParameterNames.QualifiedEnvironment(pipelineName, parameterName)[0];
        return $"{name}/LLMOPS_{name}";
    }
}
