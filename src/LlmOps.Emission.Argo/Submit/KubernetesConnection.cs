using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using LlmOps.Cli;

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

    /// <summary>
    /// Runs a command's cluster work; what the configuration, the cluster or the connection refuses becomes one error
    /// line (the request and the Status's reason and fields, not a stack trace) and exit code 2.
    /// </summary>
    public static async Task<int> ReportingFailuresAsync(CliContext context, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SubmitException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (HttpOperationException e)
        {
            context.Error.WriteLine($"error: the cluster refused the {Request(e)}: {StatusMessage(e)}");
            return 2;
        }
        catch (HttpRequestException e)
        {
            context.Error.WriteLine($"error: the Kubernetes API server could not be reached: {e.Message}");
            return 2;
        }
    }

    private static string Request(HttpOperationException e) =>
        $"{e.Request?.Method} {e.Request?.RequestUri?.AbsolutePath}{(e.Request?.RequestUri?.Query.Contains("dryRun=All", StringComparison.Ordinal) == true ? " (dry run)" : "")}";

    // A Kubernetes Status names the reason and, for invalid objects, each field; print those, not the raw body.
    private static string StatusMessage(HttpOperationException e)
    {
        try
        {
            var status = JsonNode.Parse(e.Response?.Content ?? "");
            var causes = status?["details"]?["causes"]?.AsArray().Select(c => $"{c?["field"]}: {c?["message"]}").ToList() ?? [];
            return $"{(int?)e.Response?.StatusCode} {status?["reason"]}: {status?["message"]}" + (causes.Count > 0 ? $" [{string.Join("; ", causes)}]" : "");
        }
        catch (JsonException)
        {
            return $"{(int?)e.Response?.StatusCode} {e.Message}";
        }
    }
}
