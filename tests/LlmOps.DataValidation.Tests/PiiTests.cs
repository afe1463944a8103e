namespace LlmOps.DataValidation.Tests;

public sealed class PiiTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private ValidationReport Scan(string text, PiiKind kinds = PiiKind.All) =>
        new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii(kinds)).Validate(_data.Write("p.jsonl", Chat.Pair("hello", text)));

    [Theory]
    [InlineData("mail me at jane.doe@example.com please", "pii.email", "jane.doe@example.com")]
    [InlineData("call +1 415-555-0132 now", "pii.phone", "415-555-0132")]
    [InlineData("call (415) 555-0132 now", "pii.phone", "555-0132")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", "pii.payment-card", "4111 1111 1111 1111")]
    [InlineData("my ssn is 536-22-1234", "pii.us-ssn", "536-22-1234")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 thanks", "pii.iban", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("server 192.168.10.42 is down", "pii.ipv4", "192.168.10.42")]
    [InlineData("host 2001:db8:85a3::8a2e:370:7334 is down", "pii.ipv6", "2001:db8:85a3::8a2e:370:7334")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE leaked", "pii.aws-access-key", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 oops", "pii.github-token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "pii.private-key", "-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData("auth eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end", "pii.jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    public void Each_kind_is_found_and_shown_only_redacted(string text, string ruleId, string secret)
    {
        var report = Scan(text);

        Assert.Equal(Verdict.Failed, report.Verdict);
        var f = Assert.Single(report.Findings);
        Assert.Equal(ruleId, f.RuleId);
        Assert.Equal("messages[1].content", f.FieldPath);
        Assert.NotNull(f.Sample);
        Assert.DoesNotContain(secret, f.Sample);
        Assert.DoesNotContain(secret, JsonReport.Render(report));
        Assert.DoesNotContain(secret, MarkdownReport.Render(report));
        Assert.DoesNotContain(secret, HtmlReport.Render(report));
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1112 is not Luhn-valid")]
    [InlineData("IBAN GB83 WEST 1234 5698 7654 32 has a bad checksum")]
    [InlineData("order 87459 shipped on 2024-01-15 version 1.2.3.4000")]
    [InlineData("ssn 000-12-3456 is not issued; 999.999.999.999 is no address")]
    [InlineData("the meeting is at 12:30:45 today")]
    public void Lookalikes_that_fail_their_checks_are_not_reported(string text)
    {
        var report = Scan(text);

        Assert.Empty(report.Findings);
        Assert.Equal(Verdict.Passed, report.Verdict);
    }

    [Fact]
    public void Only_the_selected_kinds_are_reported_with_the_chosen_severity()
    {
        var path = _data.Write("p.jsonl", Chat.Pair("jane@example.com", "server 10.0.0.1"));
        var rules = new ValidationRules().NoPii(PiiKind.IpAddress, Severity.Warning);

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(path);

        Assert.Equal(Verdict.PassedWithWarnings, report.Verdict);
        Assert.Equal(RuleIds.ForPii(PiiKind.IPv4), Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public void The_redacted_copy_replaces_values_and_keeps_clean_lines_byte_for_byte()
    {
        var clean = Chat.Pair("hello", "world");
        var path = _data.Write("train.jsonl", clean, Chat.Pair("I am jane@example.com", "card 4111-1111-1111-1111 noted"));
        var output = Path.Combine(_data.Root, "redacted");

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii()) { RedactedCopyDirectory = output }.Validate(path);

        var copy = report.Splits[0].RedactedCopyPath;
        Assert.Equal(Path.Combine(output, "train.jsonl"), copy);
        var lines = File.ReadAllLines(copy!);
        Assert.Equal(clean, lines[0]);
        Assert.Contains("[EMAIL]", lines[1]);
        Assert.Contains("[CARD]", lines[1]);
        Assert.DoesNotContain("jane@", lines[1]);
        var again = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii()).Validate(copy!);
        Assert.Equal(Verdict.Passed, again.Verdict);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }
}
