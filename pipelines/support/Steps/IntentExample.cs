using System.ComponentModel.DataAnnotations;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>One labelled support message; the attributes are what the Validate stage checks each line against.</summary>
public sealed class IntentExample
{
    [Required, MaxLength(2000)]
    public string Text { get; set; } = "";

    [Required, AllowedValues("billing", "refund", "shipping", "account_access", "technical_issue", "cancel_subscription")]
    public string Label { get; set; } = "";
}
