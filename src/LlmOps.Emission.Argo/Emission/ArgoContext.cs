using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>What every part of one template's emission shares.</summary>
internal sealed record ArgoContext(WorkflowLayout Layout, ArgoTemplate Template, ParameterBinding Binding, string RootDirectory)
{
    /// <summary>The volume a PVC artifact repository is mounted from.</summary>
    public const string ArtifactVolume = "llmops-artifacts";

    /// <summary>Where a task mounts its folder of the PVC artifact repository.</summary>
    public const string ArtifactMount = "/llmops-artifacts";

    /// <summary>The prefix of messages.</summary>
    public string Where => Layout.Where;

    /// <summary>The build image expression every <c>./build.sh</c> container uses.</summary>
    public static string BuildImage => "{{workflow.parameters.build-image}}";

    /// <summary>The DAG task (and template) name of <paramref name="job"/>.</summary>
    public static string TaskName(WorkflowJob job) => ArgoNames.Kebab(job.Name);

    /// <summary>The parameters a <c>./build.sh</c> step of <paramref name="stage"/> receives: arguments it reads; secrets come separately.</summary>
    public IReadOnlyList<ParameterModel> ArgumentsOf(WorkflowJob job, PlannedStage stage) =>
        job.ParametersOf(stage).Where(p => !p.IsSecret && Binding.Arguments.Contains(p)).ToList();

    /// <summary>An environment variable read from the template's Kubernetes secret; optional, so an unset secret leaves the parameter at its default.</summary>
    public YamlMapping SecretVariable(string variable, string key) => new YamlMapping()
        .Add("name", variable)
        .Add("valueFrom", new YamlMapping().Add("secretKeyRef", new YamlMapping()
            .Add("name", Template.SecretName)
            .Add("key", key)
            .Add("optional", new YamlScalar("true", IsString: false))));

    /// <summary>The node selector and tolerations of a GPU task, or an error naming the stage when the template requires a selector and has none.</summary>
    public void PlaceOnGpuNodes(YamlMapping template, string stageId)
    {
        if (Template.GpuNodeSelector.Count == 0)
        {
            if (Template.GpuNodeSelectorRequired)
            {
                throw new EmissionException($"{Where}: stage {stageId} needs GPUs, but the template declares no GPU node selector; declare .GpuNodes(new Dictionary<string, string> {{ [\"nvidia.com/gpu.present\"] = \"true\" }}, ...) or .AllowsGpuTasksWithoutNodeSelector().");
            }
        }
        else
        {
            var selector = new YamlMapping();
            foreach (var (key, value) in Template.GpuNodeSelector.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                selector.Add(key, value);
            }

            template.Add("nodeSelector", selector);
        }

        if (Template.GpuTolerations.Count > 0)
        {
            template.Add("tolerations", new YamlSequence([.. Template.GpuTolerations.Select(Toleration)]));
        }
    }

    /// <summary>The GPU count of a limit, or an error naming the stage for requests Kubernetes cannot express.</summary>
    public string GpuLimit(Dsl.GpuRequirement gpu, string stageId) =>
        gpu.DeviceIds.Count > 0
            ? throw new EmissionException($"{Where}: stage {stageId} asks for particular GPU devices ({string.Join(",", gpu.DeviceIds)}); Kubernetes schedules GPUs by count only, so ask for a count.")
            : gpu.Count < 0
                ? throw new EmissionException($"{Where}: stage {stageId} asks for all GPUs of the host; on Kubernetes ask for a count (the node's GPUs per pod).")
                : Quantities.Count(gpu.Count);

    private static YamlMapping Toleration(NodeToleration toleration)
    {
        var mapping = new YamlMapping().Add("key", toleration.Key).Add("operator", toleration.Operator);
        if (toleration.Value is not null)
        {
            mapping.Add("value", toleration.Value);
        }

        if (toleration.Effect is not null)
        {
            mapping.Add("effect", toleration.Effect);
        }

        return mapping;
    }
}
