using System.ComponentModel.DataAnnotations;

namespace LlmOps.DataValidation.Tests;

public sealed class CustomRecordTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    public sealed record Labelled
    {
        public required string Text { get; init; }

        [AllowedValues("billing", "refund")]
        public required string Label { get; init; }

        [Range(0, 1)]
        public double Weight { get; init; } = 1;
    }

    [Fact]
    public void Required_members_types_unknown_fields_and_annotations_are_checked()
    {
        var path = _data.Write("c.jsonl",
            """{"text":"where is my money","label":"refund"}""",
            """{"text":"hi"}""",
            """{"text":"hi","label":"billing","weight":"heavy"}""",
            """{"text":"hi","label":"shipping"}""",
            """{"text":"hi","label":"billing","lang":"en"}""");

        var report = new DatasetValidator(DatasetFormat.Custom<Labelled>()).Validate(path);

        var byLine = report.Findings.ToDictionary(f => f.Line);
        Assert.Equal((RuleIds.MissingField, "label"), (byLine[2].RuleId, byLine[2].FieldPath));
        Assert.Equal((RuleIds.WrongType, "weight"), (byLine[3].RuleId, byLine[3].FieldPath));
        Assert.Equal((RuleIds.RecordValidation, "label"), (byLine[4].RuleId, byLine[4].FieldPath));
        Assert.Equal((RuleIds.UnknownField, "lang"), (byLine[5].RuleId, byLine[5].FieldPath));
        Assert.False(byLine.ContainsKey(1));
        Assert.Equal("custom:Labelled", report.Format);
    }

    [Fact]
    public void String_fields_of_a_record_are_scanned_for_pii()
    {
        var path = _data.Write("c.jsonl", """{"text":"my card is 4111111111111111","label":"billing"}""");

        var report = new DatasetValidator(DatasetFormat.Custom<Labelled>(), new ValidationRules().NoPii()).Validate(path);

        var f = Assert.Single(report.Findings);
        Assert.Equal("pii.payment-card", f.RuleId);
        Assert.Equal("text", f.FieldPath);
    }

    [Fact]
    public void Prompt_completion_lines_need_both_fields()
    {
        var path = _data.Write("pc.jsonl", """{"prompt":"2+2=","completion":"4"}""", """{"prompt":"x"}""");

        var report = new DatasetValidator(DatasetFormat.PromptCompletionJsonl).Validate(path);

        var f = Assert.Single(report.Findings);
        Assert.Equal((RuleIds.MissingField, "completion", 2L), (f.RuleId, f.FieldPath, f.Line));
    }

    [Fact]
    public void Preference_pairs_with_identical_answers_are_flagged()
    {
        var path = _data.Write("dpo.jsonl",
            """{"prompt":"q","chosen":[{"role":"assistant","content":"a"}],"rejected":[{"role":"assistant","content":"b"}]}""",
            """{"prompt":"q","chosen":"same","rejected":"same"}""",
            """{"prompt":"q","chosen":"x"}""");

        var report = new DatasetValidator(DatasetFormat.PreferenceJsonl).Validate(path);

        Assert.Equal(RuleIds.IdenticalPair, Assert.Single(report.Findings, f => f.Line == 2).RuleId);
        Assert.Equal((RuleIds.MissingField, "rejected"), Assert.Single(report.Findings, f => f.Line == 3) is var f ? (f.RuleId, f.FieldPath) : default);
    }
}
