namespace LlmOps.Deployment;

/// <summary>Which objects the Kubernetes target renders and applies.</summary>
public enum ManifestFlavor
{
    /// <summary>An <c>apps/v1 Deployment</c> (rolling update, no downtime) and a <c>v1 Service</c> in front of it.</summary>
    DeploymentAndService,

    /// <summary>A KServe <c>serving.kserve.io/v1beta1 InferenceService</c> with the serving image as its predictor's container.</summary>
    KServe,
}
