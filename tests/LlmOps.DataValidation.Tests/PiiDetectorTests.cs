namespace LlmOps.DataValidation.Tests;

public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("mail me at jane.doe@example.com please", PiiKind.Email, "jane.doe@example.com")]
    [InlineData("call +1 415-555-0132 now", PiiKind.Phone, "+1 415-555-0132")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", PiiKind.PaymentCard, "4111 1111 1111 1111")]
    [InlineData("my ssn is 536-22-1234", PiiKind.UsSsn, "536-22-1234")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 thanks", PiiKind.Iban, "GB82 WEST 1234 5698 7654 32")]
    [InlineData("server 192.168.10.42 is down", PiiKind.IPv4, "192.168.10.42")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE leaked", PiiKind.AwsAccessKey, "AKIAIOSFODNN7EXAMPLE")]
    public void Find_reports_the_kind_and_span_the_validator_rule_reports(string text, PiiKind kind, string value)
    {
        var finding = Assert.Single(PiiDetector.Find(text));

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(value, text.Substring(finding.Index, finding.Length));
        Assert.DoesNotContain(value, finding.Masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_looks_only_for_the_kinds_asked_and_orders_findings_by_position()
    {
        const string Text = "ssn 536-22-1234, mail jane.doe@example.com";

        Assert.Equal(PiiKind.Email, Assert.Single(PiiDetector.Find(Text, PiiKind.Email)).Kind);
        Assert.Equal([PiiKind.UsSsn, PiiKind.Email], PiiDetector.Find(Text).Select(f => f.Kind));
        Assert.Empty(PiiDetector.Find("the release shipped on time"));
    }

    [Fact]
    public void Find_uses_the_given_options_like_the_validator()
    {
        const string Text = "upgrade to version 1.2.3.4 today";

        Assert.Empty(PiiDetector.Find(Text));
        Assert.Equal(PiiKind.IPv4, Assert.Single(PiiDetector.Find(Text, options: new PiiOptions { ReportVersionLikeIPv4 = true })).Kind);
    }

    [Fact]
    public void NameOf_spells_a_kind_as_the_rule_ids_do() =>
        Assert.Equal(("payment-card", "us-ssn"), (PiiDetector.NameOf(PiiKind.PaymentCard), PiiDetector.NameOf(PiiKind.UsSsn)));
}
