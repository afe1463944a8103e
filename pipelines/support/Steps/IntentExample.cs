namespace LlmOps.Pipelines.Support.Steps;

/// <summary>One labelled support message.</summary>
public sealed class IntentExample
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}
