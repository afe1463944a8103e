using System.Text.Json.Serialization;

namespace LlmOps.Evaluation;

/// <summary>What a gate rule concluded.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RuleStatus>))]
public enum RuleStatus
{
    /// <summary>The whole confidence interval is on the good side of the threshold.</summary>
    Pass,

    /// <summary>The whole confidence interval is on the bad side of the threshold.</summary>
    Fail,

    /// <summary>The interval straddles the threshold: the eval set cannot tell; the gate does not pass.</summary>
    Inconclusive,

    /// <summary>The rule did not pass, and someone overrode it with a recorded reason.</summary>
    Overridden,

    /// <summary>A comparison with a champion when there is none (the first model): stated, not failed.</summary>
    ColdStart,
}
