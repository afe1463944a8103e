using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmOps.Containers.Stages;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// Decides which of a pipeline's parameters a submitted workflow can take as arguments. A <c>./build.sh</c> task reads
/// them from its environment as a CI job does; a container stage runs natively, so its image, command and environment
/// are fixed in the template. To keep both consistent, each parameter is tried with a sentinel value: where the
/// sentinel shows up in a container's text, that text becomes an Argo expression
/// (<c>{{workflow.parameters.epochs}}</c>); a parameter that changes a container any other way (a memory size, a
/// timeout), the stages or their edges is fixed at generation and offered to no task.
/// </summary>
internal sealed class ParameterBinding
{
    private ParameterBinding(IReadOnlyList<ParameterModel> arguments, IReadOnlyDictionary<string, string> fixedReasons, IReadOnlyDictionary<StageModel, Dictionary<string, string>> containers) =>
        (Arguments, FixedReasons, Containers) = (arguments, fixedReasons, containers);

    /// <summary>Non-secret parameters offered as workflow arguments, in declaration order.</summary>
    public IReadOnlyList<ParameterModel> Arguments { get; }

    /// <summary>Parameters fixed at generation, by member name, with why.</summary>
    public IReadOnlyDictionary<string, string> FixedReasons { get; }

    /// <summary>The text of each container stage, with arguments replaced by Argo expressions.</summary>
    public IReadOnlyDictionary<StageModel, Dictionary<string, string>> Containers { get; }

    /// <summary>The expression that reads <paramref name="parameter"/>'s argument.</summary>
    public static string Expression(ParameterModel parameter) => $"{{{{workflow.parameters.{parameter.Name}}}}}";

    public static ParameterBinding Of(WorkflowLayout layout, string rootDirectory)
    {
        var pipeline = layout.Pipeline;
        var containerStages = layout.Plan.Stages.Select(s => s.Stage).Where(s => Container(s) is not null).ToList();
        var texts = containerStages.ToDictionary(s => s, s => ContainerText.Of(Container(s)!.Spec));
        var bound = new Dictionary<(StageModel, string), string>();
        var arguments = new List<ParameterModel>();
        var fixedReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var baselineShape = Shape(pipeline);
        var index = 0;
        foreach (var parameter in pipeline.Parameters.Where(p => !p.IsSecret))
        {
            index++;
            var reason = Try(parameter, index, out var found);
            if (reason is null && found.Any(f => bound.ContainsKey((f.Stage, f.Key))))
            {
                reason = "another parameter is already written into the same text of a container";
            }

            if (reason is not null)
            {
                fixedReasons[parameter.MemberName] = reason;
                continue;
            }

            foreach (var (stage, key, text) in found)
            {
                bound[(stage, key)] = parameter.MemberName;
                texts[stage][key] = text;
            }

            arguments.Add(parameter);
        }

        return new ParameterBinding(arguments, fixedReasons, texts);

        string? Try(ParameterModel parameter, int i, out List<(StageModel Stage, string Key, string Text)> found)
        {
            found = [];
            var textual = Sentinels(parameter, i).ToList();
            foreach (var sentinel in textual.Count > 0 ? textual : Alternatives(parameter))
            {
                var reloaded = PipelineLoader.TryLoadWith(pipeline, rootDirectory, parameter, sentinel);
                if (reloaded is null)
                {
                    continue;
                }

                if (Shape(reloaded) != baselineShape)
                {
                    return "its value changes the pipeline's stages or their edges";
                }

                foreach (var stage in containerStages)
                {
                    var before = Container(stage)!.Spec;
                    var after = Container(reloaded.Stages.Single(s => s.Name == stage.Name))?.Spec;
                    if (after is null || ContainerText.Rest(before) != ContainerText.Rest(after))
                    {
                        return $"its value changes how the container of {stage.Id} runs, beyond its text";
                    }

                    var was = ContainerText.Of(before);
                    foreach (var (key, value) in ContainerText.Of(after).Where(kv => was.GetValueOrDefault(kv.Key) != kv.Value))
                    {
                        if (textual.Count == 0 || !value.Contains(sentinel, StringComparison.Ordinal))
                        {
                            return $"its value changes the container of {stage.Id} ({key}) in a way a template expression cannot follow";
                        }

                        found.Add((stage, key, value.Replace(sentinel, Expression(parameter), StringComparison.Ordinal)));
                    }
                }

                return null;
            }

            // No trial value defines: nothing tells how the containers use it, so it may reach them only if none reads it.
            return containerStages.Any(s => layout.JobOf(s).ParametersOf(layout.Plan.Stages.Single(p => p.Stage == s)).Contains(parameter))
                ? "no trial value of it defines the pipeline, so how the containers use it is unknown"
                : null;
        }
    }

    private static ContainerStage? Container(StageModel stage) => stage.Definition.AttachedFeatures.OfType<ContainerStage>().FirstOrDefault();

    // Values unlikely to occur in any spec, in the shapes parameters usually validate: a word, an image pinned by
    // digest, a commit hash; numbers far from any real setting.
    private static IEnumerable<string> Sentinels(ParameterModel parameter, int index)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("llmops-argo-" + parameter.MemberName)));
        if (type == typeof(string))
        {
            return [$"llmopsargo{index}x{hash[..8]}", $"registry.invalid/llmops-argo-{index}@sha256:{hash}", hash[..40]];
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return [(900_000_000 + index).ToString(CultureInfo.InvariantCulture)];
        }

        return type == typeof(double) ? [(912_345.25 + index).ToString("R", CultureInfo.InvariantCulture)] : [];
    }

    private static IEnumerable<string> Alternatives(ParameterModel parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var current = ParameterValues.Format(parameter.Value);
        IEnumerable<string> values = type == typeof(bool) ? ["true", "false"]
            : type.IsEnum ? Enum.GetNames(type)
            : type == typeof(TimeSpan) ? ["01:23:45"]
            : [];
        return values.Where(v => !string.Equals(v, current, StringComparison.OrdinalIgnoreCase));
    }

    private static string Shape(PipelineModel pipeline) => string.Join("\n", pipeline.Stages.Select(s =>
    {
        var d = s.Definition;
        static string Names(IEnumerable<Stage> stages) => string.Join(",", stages.Select(x => x.Method.Name));
        return string.Join("|", s.Name, Names(d.DependsOnStages), Names(d.AfterStages), Names(d.BeforeStages), Names(d.TriggersStages), Names(d.TriggeredByStages),
            string.Join(",", d.ProducedArtifacts.Select(a => a.Name)), string.Join(",", d.ConsumedArtifacts.Select(a => a.Name)),
            // A container's GPU request is text of the container (its count can be an argument); other stages' is not.
            string.Join(",", d.AttachedFeatures.OfType<ICiJobContributor>().Where(f => Container(s) is null || f is not GpuRequirement).Select(f => f.ToString())));
    }));
}
