using LlmOps.DataValidation;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>
/// The rules the Validate stage applies, with the reasoning behind each threshold. The data is templated support
/// messages, so paraphrases that share most words are normal; what must not happen is personal data in a shipped
/// file, malformed lines, or the same message on both sides of the train/eval split.
/// </summary>
public static class IntentValidationRules
{
    /// <summary>
    /// The shipped source. Structure errors (bad JSON, a missing or unknown label, text over 2,000 characters) and any
    /// PII fail. Exact duplicates (same text and label after normalising) are a warning above 10%: the split step drops
    /// them, so they cost nothing downstream; the shipped file has 5.7% on purpose (make_dataset.py keeps some), and
    /// well above that means the generator or an import went wrong. Near duplicates (Jaccard >= 0.9 of word
    /// 3-shingles) are reported, never fatal: templates plus fillers make them the norm in this kind of data.
    /// </summary>
    public static ValidationRules Source() => new ValidationRules()
        .NoPii(PiiKind.All, Severity.Error)
        .MaxDuplicateRate(0.10, Severity.Warning)
        .MaxNearDuplicateRate(1.0, jaccard: 0.9, Severity.Warning);

    /// <summary>
    /// The produced splits. They are deduplicated by construction, so any exact duplicate within a split or any eval
    /// example also in train is a bug in the split and fails. Near copies across the split (Jaccard >= 0.8) are a
    /// warning: the split is by normalised text, so paraphrases of one template land on both sides by design, and the
    /// count (181 of 840 eval examples today) is what a reviewer should look at when held-out accuracy looks too good.
    /// </summary>
    public static ValidationRules Splits() => new ValidationRules()
        .NoPii(PiiKind.All, Severity.Error)
        .MaxDuplicateRate(0, Severity.Error)
        .NoLeakage(between: "train", and: "eval", Severity.Error, nearJaccard: 0.8)
        .WithSeverity(RuleIds.NearLeakage, Severity.Warning);
}
