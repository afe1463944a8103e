using System.Text;
using CsCheck;

namespace LlmOps.DataValidation.Tests;

/// <summary>Arbitrary bytes must never crash the validator or trip its internal-error guard.</summary>
public sealed class FuzzTests : IDisposable
{
    private static readonly string[] Seeds =
    [
        Chat.Line(("system", "s"), ("user", "jane@example.com 4111 1111 1111 1111"), ("assistant", "ok")),
        """{"messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"u"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"1","function":{"name":"f","arguments":"{}"}}]}]}""",
        """{"prompt":"p","chosen":"c","rejected":[{"role":"assistant","content":"r"}]}""",
    ];

    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private static readonly ValidationRules FullRules = new ValidationRules()
        .MaxTokens(64, Tokenizer.Cl100kBase).NoPii().MaxDuplicateRate(0.5).MaxNearDuplicateRate(0.5, 0.7).MaxLineBytes(4096);

    private void AssertCleanReport(byte[] bytes, DatasetFormat format)
    {
        var path = _data.WriteBytes($"f{Guid.NewGuid():N}.jsonl", bytes);
        var report = new DatasetValidator(format, FullRules) { Parallelism = 1 }.Validate(path);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleIds.Internal);
        Assert.All(report.Findings, f => Assert.True(f.Line >= 0 && (f.Column ?? 1) >= 1));
        _ = JsonReport.Render(report) + MarkdownReport.Render(report) + HtmlReport.Render(report);
        File.Delete(path);
    }

    [Fact]
    public void Random_bytes_give_a_clean_report()
    {
        Gen.Byte.Array[0, 600].Sample(bytes => AssertCleanReport(bytes, DatasetFormat.ChatJsonl), iter: 300);
    }

    [Fact]
    public void Mutated_valid_lines_give_a_clean_report_in_every_format()
    {
        var gen = from seed in Gen.Int[0, Seeds.Length - 1]
                  from edits in Gen.Select(Gen.Int[0, 400], Gen.Byte, Gen.Int[0, 2]).Array[1, 8]
                  from format in Gen.Int[0, 3]
                  select (seed, edits, format);
        gen.Sample(t =>
        {
            var bytes = Encoding.UTF8.GetBytes(Seeds[t.seed]).ToList();
            foreach (var (pos, value, op) in t.edits)
            {
                var at = Math.Min(pos, bytes.Count);
                switch (op)
                {
                    case 0: bytes.Insert(at, value); break;
                    case 1 when at < bytes.Count: bytes.RemoveAt(at); break;
                    case 2 when at < bytes.Count: bytes[at] = value; break;
                }
            }

            var line = bytes.ToArray();
            var format = t.format switch
            {
                0 => DatasetFormat.ChatJsonl,
                1 => DatasetFormat.PreferenceJsonl,
                2 => DatasetFormat.PromptCompletionJsonl,
                _ => DatasetFormat.Custom<CustomRecordTests.Labelled>(),
            };
            AssertCleanReport([.. line, (byte)'\n', .. line, (byte)'\n'], format);
        }, iter: 400);
    }
}
