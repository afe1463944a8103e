using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace LlmOps.Deployment;

/// <summary>
/// Renders one version of a deployment as Kubernetes objects: a Deployment and a Service, or a KServe
/// InferenceService. Built from the official client's models, so field names and quantity formats are the API's;
/// the same input always gives the same bytes.
/// </summary>
internal static class KubernetesManifests
{
    /// <summary>The field manager named in every apply: the owner of the fields this target sets.</summary>
    public const string FieldManager = "llmops";

    public const string ModelLabel = "llmops.dev/model";
    public const string ModelVersionLabel = "llmops.dev/model-version";

    private const string ContainerName = "serving";

    public static IReadOnlyList<JsonObject> Render(KubernetesTargetOptions options, string name, string model, string version, string image)
    {
        if (!KubernetesNames.IsDnsLabel(name) || !char.IsAsciiLetter(name[0]))
        {
            throw new DeploymentException($"deployment name '{name}' cannot name a Kubernetes Service (a lower-case letter first, then letters, digits or '-', at most 63): set .Named(...)");
        }

        var selector = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/instance"] = name,
            ["app.kubernetes.io/name"] = name,
        };
        var labels = new Dictionary<string, string>(selector, StringComparer.Ordinal)
        {
            ["app.kubernetes.io/managed-by"] = FieldManager,
            ["app.kubernetes.io/version"] = KubernetesNames.LabelValue(version),
            [ModelLabel] = KubernetesNames.LabelValue(model),
            [ModelVersionLabel] = KubernetesNames.LabelValue(version),
        };

        // Label values are cut to the API's alphabet; the annotation keeps the version exactly as the package names it.
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [ModelVersionLabel] = version };
        var container = Container(options, image);
        var pod = PodSecurity(options);
        return options.Flavor == ManifestFlavor.KServe
            ? [InferenceService(options, name, labels, annotations, container, pod)]
            : [Json(Service(options, name, labels, selector)), Json(Deployment(options, name, labels, annotations, selector, container, pod))];
    }

    private static V1Container Container(KubernetesTargetOptions options, string image)
    {
        var limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = KubernetesTargetOptions.Quantity(nameof(options.CpuLimit), options.CpuLimit),
            ["memory"] = KubernetesTargetOptions.Quantity(nameof(options.MemoryLimit), options.MemoryLimit),
        };
        if (options.Gpus > 0)
        {
            // An extended resource is requested by its limit alone (the API sets the request equal to it).
            limits["nvidia.com/gpu"] = new ResourceQuantity(options.Gpus.ToString(CultureInfo.InvariantCulture));
        }

        return new V1Container
        {
            Name = ContainerName,
            Image = image,
            ImagePullPolicy = "IfNotPresent",
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = options.ContainerPort, Protocol = "TCP" }],
            Env = [new V1EnvVar { Name = "HOME", Value = "/tmp" }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
                {
                    ["cpu"] = KubernetesTargetOptions.Quantity(nameof(options.CpuRequest), options.CpuRequest),
                    ["memory"] = KubernetesTargetOptions.Quantity(nameof(options.MemoryRequest), options.MemoryRequest),
                },
                Limits = limits,
            },

            // Ready once the model has loaded and answered its warm-up; restarted when it stops answering.
            ReadinessProbe = Probe(options, initialDelay: 2, period: 5, failures: 3),
            LivenessProbe = Probe(options, initialDelay: 20, period: 10, failures: 3),
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                Privileged = false,
                ReadOnlyRootFilesystem = true,
                RunAsNonRoot = true,
                RunAsUser = options.RunAsUser,
                RunAsGroup = options.RunAsUser,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };
    }

    private static V1Probe Probe(KubernetesTargetOptions options, int initialDelay, int period, int failures) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/health", Port = options.ContainerPort },
        InitialDelaySeconds = initialDelay,
        PeriodSeconds = period,
        TimeoutSeconds = 3,
        FailureThreshold = failures,
    };

    private static V1PodSecurityContext PodSecurity(KubernetesTargetOptions options) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = options.RunAsUser,
        RunAsGroup = options.RunAsUser,
        FsGroup = options.RunAsUser,
    };

    private static V1Service Service(KubernetesTargetOptions options, string name, Dictionary<string, string> labels, Dictionary<string, string> selector)
    {
        // The Service names no version: it outlives every rollout and follows the pods the Deployment makes ready.
        var serviceLabels = labels.Where(l => l.Key is not ("app.kubernetes.io/version" or ModelVersionLabel)).ToDictionary(StringComparer.Ordinal);
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = options.Namespace, Labels = serviceLabels },
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = selector,
                Ports = [new V1ServicePort { Name = "http", Port = options.ServicePort, TargetPort = "http", Protocol = "TCP" }],
            },
        };
    }

    private static V1Deployment Deployment(
        KubernetesTargetOptions options, string name, Dictionary<string, string> labels, Dictionary<string, string> annotations,
        Dictionary<string, string> selector, V1Container container, V1PodSecurityContext security) => new()
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = options.Namespace, Labels = labels, Annotations = annotations },
            Spec = new V1DeploymentSpec
            {
                Replicas = options.Replicas,
                Selector = new V1LabelSelector { MatchLabels = selector },

                // A new pod must be ready before an old one goes: the served model never drops below its replica count.
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "1", MaxUnavailable = "0" },
                },
                ProgressDeadlineSeconds = (int)Math.Ceiling(options.RolloutTimeout.TotalSeconds),
                RevisionHistoryLimit = 5,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels, Annotations = annotations },
                    Spec = PodSpec(options, container, security),
                },
            },
        };

    private static V1PodSpec PodSpec(KubernetesTargetOptions options, V1Container container, V1PodSecurityContext security) => new()
    {
        AutomountServiceAccountToken = false,
        SecurityContext = security,
        Containers = [container],
        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }],
        Tolerations = options.Gpus > 0 ? [new V1Toleration { Key = "nvidia.com/gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }] : null,
    };

    private static JsonObject InferenceService(
        KubernetesTargetOptions options, string name, Dictionary<string, string> labels, Dictionary<string, string> annotations,
        V1Container container, V1PodSecurityContext security)
    {
        // KServe expects its predictor's single custom container to be named kserve-container.
        container.Name = "kserve-container";
        var spec = Json(PodSpec(options, container, security));
        spec["minReplicas"] = options.Replicas;
        return new JsonObject
        {
            ["apiVersion"] = "serving.kserve.io/v1beta1",
            ["kind"] = "InferenceService",
            ["metadata"] = Json(new V1ObjectMeta { Name = name, NamespaceProperty = options.Namespace, Labels = labels, Annotations = annotations }),
            ["spec"] = new JsonObject { ["predictor"] = spec },
        };
    }

    private static JsonObject Json(object model) => JsonNode.Parse(KubernetesJson.Serialize(model))!.AsObject();
}
