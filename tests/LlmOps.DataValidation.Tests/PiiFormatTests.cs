namespace LlmOps.DataValidation.Tests;

/// <summary>PII shapes that were missed or reported twice: international phones, addresses at a sentence's end, IBAN digits, names.</summary>
public sealed class PiiFormatTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private ValidationReport Scan(string text, PiiOptions? options = null) =>
        new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii(PiiKind.All, Severity.Error, options)).Validate(_data.Write("p.jsonl", Chat.Pair("hello", text)));

    [Theory]
    [InlineData("E.164 +14155550132")]
    [InlineData("Berlin +49 30 12345678")]
    [InlineData("Paris +33 1 42 68 53 00")]
    [InlineData("India +91 98765 43210")]
    [InlineData("Sydney +61 2 9374 4000")]
    [InlineData("São Paulo +55 11 91234-5678")]
    [InlineData("UK mobile +44 7911 123456")]
    [InlineData("Tokyo +81 3-1234-5678")]
    [InlineData("call 415-555-0132 2 times")]
    public void International_and_compact_phone_numbers_are_found(string text)
    {
        var f = Assert.Single(Scan(text).Findings);

        Assert.Equal("pii.phone", f.RuleId);
    }

    [Fact]
    public void Numbers_without_a_country_code_are_read_in_the_configured_region()
    {
        Assert.Empty(Scan("ring 020 7946 0958 today").Findings);
        Assert.Equal("pii.phone", Assert.Single(Scan("ring 020 7946 0958 today", new PiiOptions { PhoneRegion = "GB" }).Findings).RuleId);
        var e = Assert.Throws<DataValidationException>(() => new ValidationRules().NoPii(options: new PiiOptions { PhoneRegion = "XX" }));
        Assert.Contains("'XX'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connect to 10.0.0.1.", "pii.ipv4", "10.0.0.1")]
    [InlineData("ping fe80::1ff:fe23:4567:890a: unreachable", "pii.ipv6", "fe80::1ff:fe23:4567:890a")]
    public void An_address_followed_by_punctuation_is_found_and_redacted(string text, string ruleId, string address)
    {
        var path = _data.Write("ip.jsonl", Chat.Pair("hello", text));
        var output = Path.Combine(_data.Root, "redacted");

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii()) { RedactedCopyDirectory = output }.Validate(path);

        Assert.Equal(ruleId, Assert.Single(report.Findings).RuleId);
        Assert.DoesNotContain(address, File.ReadAllText(report.Splits[0].RedactedCopyPath!), StringComparison.Ordinal);
    }

    [Fact]
    public void Version_like_dotted_quads_are_reported_only_when_asked()
    {
        Assert.Empty(Scan("upgrade to version 10.0.0.1 now").Findings);
        Assert.Equal("pii.ipv4", Assert.Single(Scan("upgrade to version 10.0.0.1 now", new PiiOptions { ReportVersionLikeIPv4 = true }).Findings).RuleId);
    }

    [Theory]
    [InlineData("IBAN DE35 0161 0339 6217 2321 66 for rent", "pii.iban")]
    [InlineData("Mobile +55 11 96123-4565 (WhatsApp)", "pii.phone")]
    public void Luhn_valid_digits_inside_an_iban_or_a_phone_number_are_not_also_a_card(string text, string ruleId)
    {
        Assert.Equal(ruleId, Assert.Single(Scan(text).Findings).RuleId);
    }

    [Theory]
    [InlineData(TokenCountMode.ChatFormat)]
    [InlineData(TokenCountMode.ContentOnly)]
    public void The_chat_name_field_is_scanned_for_pii(TokenCountMode mode)
    {
        var line = """{"messages":[{"role":"user","name":"jane.doe@example.com","content":"hi"},{"role":"assistant","content":"hello"}]}""";

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii().CountTokens(Tokenizer.O200kBase).TokenCounting(mode)).Validate(_data.Write("n.jsonl", line));

        var f = Assert.Single(report.Findings);
        Assert.Equal("pii.email", f.RuleId);
        Assert.Equal("messages[0].name", f.FieldPath);
        Assert.DoesNotContain("jane.doe", JsonReport.Render(report), StringComparison.Ordinal);
    }
}
