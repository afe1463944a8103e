using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOps.Planning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Emission.Argo.Submit;

/// <summary>
/// The documents <c>Submit</c> sends: the pipeline's Argo files, generated now from its defaults exactly as
/// <c>GenerateWorkflows</c> writes them, read as the API server reads YAML, with the parameters given on the
/// command line filled into the Workflow's arguments.
/// </summary>
internal sealed partial record ArgoDocuments(ArgoTemplate Declaration, JsonObject Template, JsonObject Workflow)
{
    /// <summary>The environment variable that names the build image for one submission.</summary>
    public const string BuildImageVariable = "LLMOPS_BUILD_IMAGE";

    public string? Namespace => Declaration.Namespace;

    public string TemplateName => (string)Template["metadata"]!["name"]!;

    /// <summary>The documents of the one Argo declaration of <paramref name="given"/>'s pipeline, with its given values as arguments.</summary>
    public static ArgoDocuments For(PipelineModel given, string rootDirectory)
    {
        var defaults = PipelineLoader.Load(given.Type, ParameterSources.Empty(rootDirectory));
        var declarations = defaults.Instance is IHasWorkflows declared ? declared.Workflows.OfType<ArgoTemplate>().ToList() : [];
        if (declarations.Count != 1)
        {
            throw new SubmitException($"{given.Name} declares {(declarations.Count == 0 ? "no" : declarations.Count.ToString(CultureInfo.InvariantCulture))} Argo templates; Submit needs exactly one (ArgoWorkflows.Template(...) in Workflows).");
        }

        var declaration = declarations[0];
        var layout = WorkflowPlanner.Layout(defaults, StageGraph.Build([defaults]), declaration);
        var files = declaration.Emit(layout, rootDirectory);
        var name = declaration.Name.ToLowerInvariant();
        var template = Parse(files.Single(f => f.Path.EndsWith($"/{name}.workflowtemplate.yaml", StringComparison.Ordinal)).Content);
        var workflow = Parse(files.Single(f => f.Path.EndsWith($"/{name}.workflow.yaml", StringComparison.Ordinal)).Content);
        FillArguments(template, workflow, given);
        return new ArgoDocuments(declaration, template, workflow);
    }

    private static void FillArguments(JsonObject template, JsonObject workflow, PipelineModel given)
    {
        var offered = template["spec"]!["arguments"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToHashSet(StringComparer.Ordinal);
        var arguments = new JsonArray();
        foreach (var parameter in given.Parameters.Where(p => !p.IsSecret && p.Source != "default" && offered.Contains(p.Name)))
        {
            arguments.Add(new JsonObject { ["name"] = parameter.Name, ["value"] = ParameterValues.Format(parameter.Value) });
        }

        var required = workflow["spec"]!["arguments"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        var missing = required.Where(r => r != "build-image" && !arguments.Any(a => (string)a!["name"]! == r)).ToList();
        if (missing.Count > 0)
        {
            throw new SubmitException($"the template needs {string.Join(", ", missing.Select(m => "--" + m))} on submission (no default).");
        }

        CheckImages(template, arguments);
        workflow["spec"]!["arguments"] = new JsonObject { ["parameters"] = arguments };
    }

    // A container task's image given as an argument must be a digest: the pods that check and commit the stage key it
    // on that digest and have no engine to resolve a tag (the task would fail after the training), and a tag can move
    // between the pods of one run. Said here, before anything is created.
    private static void CheckImages(JsonObject template, JsonArray arguments)
    {
        var defaults = template["spec"]!["arguments"]!["parameters"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (string?)p!["value"], StringComparer.Ordinal);
        foreach (var parameter in ImageParameters(template).Distinct(StringComparer.Ordinal).Where(p => p != "build-image"))
        {
            var value = arguments.FirstOrDefault(a => (string)a!["name"]! == parameter)?["value"]?.GetValue<string>() ?? defaults.GetValueOrDefault(parameter);
            if (value is { Length: > 0 } && !Emission.ArgoEmitter.IsPinned(value))
            {
                throw new SubmitException($"--{parameter} '{value}' is the image of a container task and is not pinned by digest; give repo@sha256:<64 hex> (docker buildx imagetools inspect <tag> shows it).");
            }
        }
    }

    // Images taken from a workflow parameter, in containers and in the manifests of resource steps (a JobSet).
    private static IEnumerable<string> ImageParameters(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject mapping:
                foreach (var (key, value) in mapping)
                {
                    if (key == "image" && value is JsonValue image && ImageParameter().Match(image.GetValue<string>()) is { Success: true } match)
                    {
                        yield return match.Groups[1].Value;
                    }
                    else if (key == "manifest" && value is JsonValue manifest)
                    {
                        foreach (var inner in ImageParameters(Parse(manifest.GetValue<string>())))
                        {
                            yield return inner;
                        }
                    }
                    else
                    {
                        foreach (var inner in ImageParameters(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray items:
                foreach (var inner in items.SelectMany(ImageParameters))
                {
                    yield return inner;
                }

                break;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{\{workflow\.parameters\.([-a-z0-9]+)\}\}$")]
    private static partial System.Text.RegularExpressions.Regex ImageParameter();

    /// <summary>Sets the build image argument (a digest), required when the declaration names none.</summary>
    public void UseBuildImage(string? reference)
    {
        if (reference is null)
        {
            if (Declaration.BuildImage is null)
            {
                throw new SubmitException($"the template declares no build image (.BuildsIn); set {BuildImageVariable} to the image built from this commit (repo@sha256:...).");
            }

            return;
        }

        if (!Emission.ArgoEmitter.IsPinned(reference))
        {
            throw new SubmitException($"{BuildImageVariable} '{reference}' is not pinned by digest (repo@sha256:<64 hex>); every task of a run must run the same build program.");
        }

        Workflow["spec"]!["arguments"]!["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "build-image", ["value"] = reference });
    }

    /// <summary>Reads one YAML document as Kubernetes does (YAML 1.2 core schema for plain scalars).</summary>
    public static JsonObject Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (JsonObject)ToJson(stream.Documents.Single().RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain } s => Plain(s.Value ?? ""),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "" or "~" or "null" => null,
        _ when Integer().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value),
    };

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex Integer();
}
