using System.Text.RegularExpressions;
using LlmOps.Containers.Stages;
using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// Renders a laid-out workflow as an Argo <c>WorkflowTemplate</c> (a DAG of one task per job, <c>depends</c> from the
/// plan), a <c>Workflow</c> that submits it, and, when a container stage runs without network, the NetworkPolicy that
/// enforces it.
/// </summary>
internal static partial class ArgoEmitter
{
    public static IReadOnlyList<GeneratedFile> Emit(WorkflowLayout layout, ArgoTemplate template, string rootDirectory)
    {
        var where = layout.Where;
        CheckDeclaration(layout, template, where);
        var context = new ArgoContext(layout, template, ParameterBinding.Of(layout, rootDirectory), rootDirectory);
        ArtifactWiring.Check(context);
        var name = template.Name.ToLowerInvariant();
        var header = new[] { GeneratedHeader.For(layout.Pipeline) };
        var templates = new List<YamlNode> { new YamlMapping().Add("name", "plan").Add("dag", new YamlMapping().Add("tasks", new YamlSequence(Tasks(context)))) };
        var noNetwork = false;
        foreach (var job in layout.Jobs)
        {
            var container = job.Stages.Select(s => (Stage: s, Kind: s.Stage.Definition.AttachedFeatures.OfType<ContainerStage>().FirstOrDefault())).FirstOrDefault(c => c.Kind is not null);
            if (container.Kind is { Spec.Nodes: > 1 })
            {
                templates.AddRange(MultiNodeTask.Templates(context, job, container.Stage, container.Kind));
            }
            else
            {
                templates.Add(container.Kind is null ? BuildTask.Template(context, job) : ContainerTask.Template(context, job, container.Stage, container.Kind));
            }

            noNetwork |= container.Kind?.Spec.Network == Containers.Specs.ContainerNetwork.None;
            if (CacheCheck.Guards(context, job))
            {
                templates.Add(CacheCheck.Wrapper(context, job));
                templates.Add(CacheCheck.Template(context, job));
            }
        }

        foreach (var environment in layout.Jobs.Select(j => j.Deployment?.Environment).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            templates.Add(Approval.Template(environment));
        }

        // Jobs name their templates, and LlmOps adds some (approvals, checks, multi-node steps): one name, one template.
        var clash = templates.OfType<YamlMapping>().Select(t => ((YamlScalar)t["name"]!).Value).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new EmissionException($"{where}: two templates would be named '{clash.Key}' (a job's name meets one LlmOps derives for another); rename the job or put it in a Group with another name.");
        }

        var spec = new YamlMapping().Add("entrypoint", "plan");
        if (template.ServiceAccount is not null)
        {
            spec.Add("serviceAccountName", template.ServiceAccount);
        }

        var arguments = Arguments(context);
        spec.Add("arguments", new YamlMapping().Add("parameters", new YamlSequence(arguments)));
        var volumes = new List<YamlNode>();
        if (ArtifactWiring.Volume(context) is { } volume)
        {
            volumes.Add(volume);
        }

        if (template.SharedStoreClaim is { } store)
        {
            volumes.Add(new YamlMapping().Add("name", TaskEnvironment.StoreVolume).Add("persistentVolumeClaim", new YamlMapping().Add("claimName", store)));
        }

        if (volumes.Count > 0)
        {
            spec.Add("volumes", new YamlSequence(volumes));
        }

        spec.Add("templates", new YamlSequence(templates));
        var files = new List<GeneratedFile>
        {
            File(template, $"{name}.workflowtemplate.yaml", Document("WorkflowTemplate", Metadata(template, name, generate: false), spec), header, where),
            File(template, $"{name}.workflow.yaml", Document("Workflow", Metadata(template, name, generate: true), new YamlMapping()
                .Add("workflowTemplateRef", new YamlMapping().Add("name", name))
                .Add("arguments", new YamlMapping().Add("parameters", new YamlSequence([.. arguments.OfType<YamlMapping>().Where(p => p["value"] is null).Select(p => new YamlMapping().Add("name", p["name"]!))])))), header, where),
        };
        if (noNetwork)
        {
            files.Add(File(template, $"{name}.networkpolicy.yaml", NetworkPolicyFile.Document(name, template.Namespace), header, where));
        }

        return files;
    }

    private static List<YamlNode> Tasks(ArgoContext context)
    {
        var tasks = new List<YamlNode>();
        foreach (var job in context.Layout.Jobs)
        {
            var depends = job.Needs.Select(n => Dependency(ArgoContext.TaskName(n), job.RunsAfterFailure)).ToList();
            if (job.Deployment is { } deployment)
            {
                var approve = Approval.TaskName(job);
                tasks.Add(Task(approve, Approval.TemplateName(deployment.Environment), depends, null));
                depends = [.. depends, approve];
            }

            // A guarded job's task runs its check and, on a miss, its own template: one node of the plan either way.
            var template = CacheCheck.Guards(context, job) ? CacheCheck.WrapperName(job) : ArgoContext.TaskName(job);
            tasks.Add(Task(ArgoContext.TaskName(job), template, depends, ArtifactWiring.TaskArguments(context, job)));
        }

        return tasks;
    }

    /// <summary>A DAG task.</summary>
    internal static YamlMapping Task(string name, string template, IReadOnlyList<string> depends, YamlMapping? arguments, string? when = null)
    {
        var task = new YamlMapping().Add("name", name).Add("template", template);
        if (depends.Count > 0)
        {
            task.Add("depends", string.Join(" && ", depends));
        }

        if (when is not null)
        {
            task.Add("when", when);
        }

        if (arguments is not null)
        {
            task.Add("arguments", arguments);
        }

        return task;
    }

    // A stage assured after failure runs whatever its predecessors did, as the local executor and CI jobs run it.
    private static string Dependency(string task, bool afterFailure) =>
        afterFailure ? $"({task}.Succeeded || {task}.Skipped || {task}.Failed || {task}.Errored)" : task;

    private static List<YamlNode> Arguments(ArgoContext context)
    {
        var image = new YamlMapping().Add("name", "build-image");
        if (context.Template.BuildImage is not null)
        {
            image.Add("value", context.Template.BuildImage);
        }

        var arguments = new List<YamlNode> { image.Add("description", "The image built from the repository that runs ./build.sh tasks, pinned by digest") };
        var required = context.Layout.Plan.Stages.SelectMany(s => s.Stage.Definition.RequiredParameters).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in context.Binding.Arguments)
        {
            var value = Planning.ParameterValues.Format(parameter.DefaultValue);
            var argument = new YamlMapping().Add("name", parameter.Name);
            if (!(value.Length == 0 && required.Contains(parameter.MemberName)))
            {
                argument.Add("value", value);
            }

            arguments.Add(argument.Add("description", parameter.Description));
        }

        return arguments;
    }

    private static YamlMapping Metadata(ArgoTemplate template, string name, bool generate)
    {
        var metadata = new YamlMapping().Add(generate ? "generateName" : "name", generate ? name + "-" : name);
        if (template.Namespace is not null)
        {
            metadata.Add("namespace", template.Namespace);
        }

        return metadata.Add("labels", new YamlMapping().Add("app.kubernetes.io/managed-by", "llmops"));
    }

    private static YamlMapping Document(string kind, YamlMapping metadata, YamlMapping spec) =>
        new YamlMapping().Add("apiVersion", "argoproj.io/v1alpha1").Add("kind", kind).Add("metadata", metadata).Add("spec", spec);

    private static GeneratedFile File(ArgoTemplate template, string fileName, YamlMapping document, string[] header, string where)
    {
        try
        {
            return new GeneratedFile($"{template.Folder}/{fileName}", YamlWriter.Write(document, header));
        }
        catch (ArgumentException e)
        {
            throw new EmissionException($"{where}: {e.Message}");
        }
    }

    private static void CheckDeclaration(WorkflowLayout layout, ArgoTemplate template, string where)
    {
        var workflow = layout.Workflow;
        if (workflow.PushCalls.Count > 0 || workflow.PullRequestCalls.Count > 0 || workflow.Schedules.Count > 0)
        {
            throw new EmissionException($"{where}: an Argo WorkflowTemplate is submitted (./build.sh Submit, argo submit), not triggered by pushes, pull requests or schedules; declare triggers on the CI workflows.");
        }

        var name = template.Name.ToLowerInvariant();
        if (!ArgoNames.IsLabel(name, 52))
        {
            throw new EmissionException($"{where}: '{template.Name}' cannot name a WorkflowTemplate; use lowercase letters, digits and '-' (at most 52, so generated workflow names fit).");
        }

        if (template.Folder.Length == 0 || template.Folder.Split('/').Any(p => p is "" or "." or ".." || p.StartsWith('.')) || Path.IsPathRooted(template.Folder))
        {
            throw new EmissionException($"{where}: InFolder(\"{template.Folder}\") must be a folder inside the repository, such as deploy/argo.");
        }

        if (template.BuildImage is not null && !Digest().IsMatch(template.BuildImage))
        {
            throw new EmissionException($"{where}: BuildsIn(\"{template.BuildImage}\") is not pinned by digest (repo@sha256:<64 hex>); every task of a run must run the same build program.");
        }

        foreach (var (label, value) in new[] { ("namespace", template.Namespace), ("service account", template.ServiceAccount), ("secret", template.SecretName), ("shared store claim", template.SharedStoreClaim) })
        {
            if (value is not null && !ArgoNames.IsLabel(value, 253))
            {
                throw new EmissionException($"{where}: the {label} '{value}' is not a valid Kubernetes name.");
            }
        }

        var tasks = layout.Jobs.Select(ArgoContext.TaskName).ToList();
        var bad = layout.Jobs.FirstOrDefault(j => !ArgoNames.IsLabel(ArgoContext.TaskName(j)) || ArgoContext.TaskName(j) == "plan" || ArgoContext.TaskName(j).StartsWith("approve-", StringComparison.Ordinal) || ArgoContext.TaskName(j).StartsWith(CacheCheck.Prefix, StringComparison.Ordinal) || ArgoContext.TaskName(j).StartsWith(CacheCheck.WrapperPrefix, StringComparison.Ordinal));
        var clash = tasks.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (bad is not null || clash is not null)
        {
            throw new EmissionException($"{where}: job '{bad?.Name ?? clash!.Key}' cannot name an Argo task ({(bad is null ? "two jobs would share it" : "reserved or not a DNS label")}); put it in a Group with another name.");
        }

        var longCheck = template.SharedStoreClaim is null ? null : tasks.FirstOrDefault(t => !ArgoNames.IsLabel(CacheCheck.WrapperPrefix + t) || !ArgoNames.IsLabel(CacheCheck.Prefix + t));
        if (longCheck is not null)
        {
            throw new EmissionException($"{where}: job '{longCheck}' is too long a name for its cache check ('{CacheCheck.WrapperPrefix}{longCheck}' must be a DNS label of at most 63 characters); put it in a Group with a shorter name.");
        }

        var artifact = layout.Jobs.SelectMany(j => j.Uploads.Concat(j.Downloads)).FirstOrDefault(a => !ArtifactName().IsMatch(a));
        if (artifact is not null)
        {
            throw new EmissionException($"{where}: artifact '{artifact}' cannot travel through Argo as named; use lowercase letters, digits, '-' and '_'.");
        }
    }

    /// <summary>Whether <paramref name="reference"/> is an image pinned by digest (<c>repo@sha256:&lt;64 hex&gt;</c>).</summary>
    public static bool IsPinned(string reference) => Digest().IsMatch(reference);

    [GeneratedRegex("^[a-z0-9]+(?:[._/:-][a-z0-9]+)*@sha256:[0-9a-f]{64}$")]
    private static partial Regex Digest();

    [GeneratedRegex("^[a-z0-9][-a-z0-9_]*$")]
    private static partial Regex ArtifactName();
}
