using k8s;

namespace LlmOps.Emission.Argo.Submit;

/// <summary>How Submit and Resume reach the cluster: KUBECONFIG (or ~/.kube/config), or the pod's service account.</summary>
internal static class KubernetesConnection
{
    public const string Group = "argoproj.io";
    public const string Version = "v1alpha1";
    public const string FieldManager = "llmops";

    public static KubernetesClientConfiguration Configuration()
    {
        try
        {
            return KubernetesClientConfiguration.BuildDefaultConfig();
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or FileNotFoundException or InvalidOperationException)
        {
            throw new SubmitException($"no Kubernetes cluster is configured (KUBECONFIG, ~/.kube/config or a service account): {e.Message}");
        }
    }

    public static string Namespace(KubernetesClientConfiguration configuration, string? declared, string? given) =>
        given ?? declared ?? configuration.Namespace ?? "default";
}
