using System.Globalization;
using k8s.Models;

namespace LlmOps.Deployment;

/// <summary>
/// Settings of the Kubernetes target. The serving image is the package's image named by digest; everything else has a
/// default that runs one non-root replica with modest CPU and memory.
/// </summary>
public sealed class KubernetesTargetOptions
{
    /// <summary>What to render: a Deployment and a Service (the default), or a KServe InferenceService.</summary>
    public ManifestFlavor Flavor { get; set; } = ManifestFlavor.DeploymentAndService;

    /// <summary>The namespace the objects go into.</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>The serving image by digest (<c>registry/repository@sha256:...</c>); a tag alone is refused.</summary>
    public string? Image { get; set; }

    /// <summary>
    /// The run variable that holds the image by digest when <see cref="Image"/> is not set: the step that pushed the
    /// package's image sets it (<c>LLMOPS_SERVING_IMAGE</c> unless changed).
    /// </summary>
    public string ImageVariable { get; set; } = "LLMOPS_SERVING_IMAGE";

    /// <summary>How many pods serve (for KServe, the predictor's minimum replicas).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>CPU each pod is guaranteed (a Kubernetes quantity: 250m, 1).</summary>
    public string CpuRequest { get; set; } = "250m";

    /// <summary>CPU each pod may use at most.</summary>
    public string CpuLimit { get; set; } = "1";

    /// <summary>Memory each pod is guaranteed (a Kubernetes quantity: 256Mi, 2Gi).</summary>
    public string MemoryRequest { get; set; } = "256Mi";

    /// <summary>Memory each pod may use at most; past it the pod is killed.</summary>
    public string MemoryLimit { get; set; } = "512Mi";

    /// <summary>NVIDIA GPUs per pod (<c>nvidia.com/gpu</c>); 0 for a model that runs on CPUs.</summary>
    public int Gpus { get; set; }

    /// <summary>The port the serving container listens on (the serving image's 8080).</summary>
    public int ContainerPort { get; set; } = ServingImages.ContainerPort;

    /// <summary>The Service's port.</summary>
    public int ServicePort { get; set; } = 80;

    /// <summary>The user and group the server runs as (never root).</summary>
    public long RunAsUser { get; set; } = 10001;

    /// <summary>How long a rollout may take to become ready before it is rolled back.</summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The kubeconfig file; when null, the run variable <c>KUBECONFIG</c> names it (its first entry). Without either,
    /// the manifests are rendered and written but not applied.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use, or null for its current context.</summary>
    public string? Context { get; set; }

    /// <summary>
    /// Where the rendered manifests are also written, relative to the repository root (a folder a GitOps tool
    /// watches), or null to keep them only in the deployment's state folder and record.
    /// </summary>
    public string? ManifestDirectory { get; set; }

    /// <summary>
    /// An address of the served model reachable from the build machine (an ingress), or null. When set, the smoke
    /// evaluation runs against it after the rollout and a failure rolls back; without one it cannot run and the record says so.
    /// </summary>
    public Uri? SmokeAddress { get; set; }

    internal void Validate()
    {
        Require(Replicas >= 1, $"Replicas {Replicas} must be 1 or more");
        Require(Gpus >= 0, $"Gpus {Gpus} must not be negative");
        Require(ContainerPort is >= 1 and <= 65535, $"ContainerPort {ContainerPort} is not a TCP port (1-65535)");
        Require(ServicePort is >= 1 and <= 65535, $"ServicePort {ServicePort} is not a TCP port (1-65535)");
        Require(RunAsUser > 0, $"RunAsUser {RunAsUser} must not be root (0) or negative");
        Require(RolloutTimeout > TimeSpan.Zero, $"RolloutTimeout {RolloutTimeout} must be positive");
        Require(KubernetesNames.IsDnsLabel(Namespace), $"Namespace '{Namespace}' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)");
        foreach (var (field, value) in new[] { ("CpuRequest", CpuRequest), ("CpuLimit", CpuLimit), ("MemoryRequest", MemoryRequest), ("MemoryLimit", MemoryLimit) })
        {
            _ = Quantity(field, value);
        }

        if (Image is not null)
        {
            try
            {
                ImageReference.RequireDigest(Image, "Kubernetes target: Image");
            }
            catch (DeploymentException e)
            {
                throw new ArgumentException(e.Message, nameof(Image));
            }
        }
    }

    internal static ResourceQuantity Quantity(string field, string value)
    {
        try
        {
            // The client's own parser: what it accepts is what the API server accepts.
            var quantity = new ResourceQuantity(value);
            return quantity.ToDecimal() < 0 ? throw new FormatException("negative") : quantity;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new ArgumentException($"Kubernetes target: {field} '{value}' is not a Kubernetes quantity (such as 250m, 1, 512Mi, 2Gi)", field);
        }
    }

    internal string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"kubernetes {(Flavor == ManifestFlavor.KServe ? "kserve" : "deployment")} {Namespace}, {Replicas} replica(s), cpu {CpuRequest}-{CpuLimit}, memory {MemoryRequest}-{MemoryLimit}")
        + (Gpus > 0 ? $", {Gpus} nvidia.com/gpu" : "");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("Kubernetes target: " + message);
        }
    }
}
