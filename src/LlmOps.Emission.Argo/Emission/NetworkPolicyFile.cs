using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// Container stages declared without network (<c>ContainerNetwork.None</c>, the training default) get this label;
/// the NetworkPolicy written beside the template denies every ingress of such pods, and every egress but DNS and the
/// namespaces labelled <c>llmops.dev/artifact-store: "true"</c>, where Argo's own containers of the pod upload and
/// download artifacts. It takes effect where the network plugin enforces NetworkPolicy (Calico, Cilium).
/// </summary>
internal static class NetworkPolicyFile
{
    public const string Label = "llmops.dev/network";

    public const string ArtifactStoreLabel = "llmops.dev/artifact-store";

    public static YamlMapping Document(string name, string? ns)
    {
        var metadata = new YamlMapping().Add("name", $"{name}-no-network");
        if (ns is not null)
        {
            metadata.Add("namespace", ns);
        }

        return new YamlMapping()
            .Add("apiVersion", "networking.k8s.io/v1")
            .Add("kind", "NetworkPolicy")
            .Add("metadata", metadata)
            .Add("spec", new YamlMapping()
                .Add("podSelector", new YamlMapping().Add("matchLabels", new YamlMapping().Add(Label, "none")))
                .Add("policyTypes", new YamlSequence([new YamlScalar("Ingress"), new YamlScalar("Egress")]))
                .Add("egress", new YamlSequence(
                [
                    new YamlMapping().Add("to", new YamlSequence([new YamlMapping().Add("namespaceSelector", new YamlMapping().Add("matchLabels", new YamlMapping().Add(ArtifactStoreLabel, "true")))])),
                    new YamlMapping().Add("ports", new YamlSequence(
                    [
                        new YamlMapping().Add("port", new YamlScalar("53", IsString: false)).Add("protocol", "UDP"),
                        new YamlMapping().Add("port", new YamlScalar("53", IsString: false)).Add("protocol", "TCP"),
                    ])),
                ])));
    }
}
