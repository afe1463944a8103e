namespace LlmOps.DataValidation.Validation;

/// <summary>Findings of one rule on one split: all counted, the first few kept.</summary>
internal sealed class RuleTally(string ruleId, Severity severity)
{
    public string RuleId { get; } = ruleId;

    public Severity Severity { get; } = severity;

    public long Total { get; private set; }

    public List<Finding> Samples { get; } = [];

    public void Add(Finding finding, int maxSamples)
    {
        Total++;
        if (Samples.Count < maxSamples)
        {
            Samples.Add(finding);
        }
    }
}
