namespace LlmOps.DataValidation.Validation;

/// <summary>What the configured rules need from each line, decided once per split.</summary>
internal sealed record ValidationPlan(
    ValidationRules Rules,
    DatasetFormat Format,
    bool CountTokens,
    bool ScanPii,
    bool ExactHash,
    bool Signatures)
{
    public bool WantsText => CountTokens || ScanPii || ExactHash || Signatures;
}
