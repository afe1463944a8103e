namespace LlmOps.Emission;

/// <summary>Entry point for declaring Azure Pipelines pipelines.</summary>
public static class AzurePipelines
{
    /// <summary>A pipeline written to <c>azure-pipelines-<paramref name="name"/>.yml</c>, or <c>azure-pipelines.yml</c> when the name is empty.</summary>
    public static AzurePipeline Pipeline(string name = "") => new(name);
}
