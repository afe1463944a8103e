using System.Text;
using System.Text.Unicode;
using LlmOps.DataValidation.Duplicates;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Pii;

namespace LlmOps.DataValidation.Validation;

/// <summary>
/// Checks the lines of one batch: bytes (BOM, NUL, UTF-8), JSON syntax, the format, tokens, PII and fingerprints.
/// One instance per worker; it keeps its scratch buffers between batches.
/// </summary>
internal sealed class LineProcessor
{
    /// <summary>
    /// Checkers name roles with these literals, so a reference comparison counts a message without hashing its role;
    /// the batch's dictionary gets the sums once per batch.
    /// </summary>
    private static readonly string[] CommonRoles = ["assistant", "user", "system", "tool", "other"];

    private readonly long[] _roleCounts = new long[CommonRoles.Length];

    private readonly ValidationPlan _plan;
    private readonly LineDom _dom = new();
    private readonly Formats.ExampleChecker _checker;
    private readonly List<Finding> _findings = [];
    private readonly ExampleSink _sink;
    private readonly PiiScanner? _pii;
    private readonly List<PiiMatch> _matches = [];
    private readonly Fingerprinter _fingerprinter = new();
    private readonly Tokenizer? _tokenizer;

    public LineProcessor(ValidationPlan plan, string split, string file)
    {
        _plan = plan;
        _checker = plan.Format.CreateChecker();
        _sink = new ExampleSink(_findings, plan.Rules, plan.WantsText) { Split = split, File = file };
        _pii = plan.ScanPii ? new PiiScanner(plan.Rules.Pii!.Kinds, plan.Rules.Pii.Options) : null;
        _tokenizer = plan.CountTokens ? plan.Rules.Tokens!.Tokenizer : null;
    }

    public BatchResult Process(LineBatch batch)
    {
        var result = new BatchResult(batch)
        {
            Outcomes = new LineOutcome[batch.Lines.Count],
            Signatures = _plan.Signatures ? System.Buffers.ArrayPool<uint>.Shared.Rent(batch.Lines.Count * Fingerprinter.SignatureLength) : [],
        };
        _findings.Clear();
        for (var i = 0; i < batch.Lines.Count; i++)
        {
            var line = batch.Lines[i];
            ref var outcome = ref result.Outcomes[i];
            outcome.Line = line.Number;
            try
            {
                ProcessLine(batch.Buffer, line, ref outcome, result, i);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A validator bug must cost one line, not the scan; the message names the type only, never line content.
                _sink.Reset(line.Number, 0);
                _sink.Report(RuleIds.Internal, null, -1, $"internal validator error on this line ({ex.GetType().Name}); the line was skipped");
                outcome.Invalid = true;
            }
        }

        for (var r = 0; r < CommonRoles.Length; r++)
        {
            if (_roleCounts[r] > 0)
            {
                CollectionsMarshalExtensions.Increment(result.MessagesPerRole, CommonRoles[r], _roleCounts[r]);
                _roleCounts[r] = 0;
            }
        }

        result.Findings = [.. _findings];
        return result;
    }

    private void CountRole(string role, BatchResult result)
    {
        for (var r = 0; r < CommonRoles.Length; r++)
        {
            if (ReferenceEquals(role, CommonRoles[r]))
            {
                _roleCounts[r]++;
                return;
            }
        }

        CollectionsMarshalExtensions.Increment(result.MessagesPerRole, role, 1);
    }

    private void ProcessLine(byte[] buffer, LineSlice line, ref LineOutcome outcome, BatchResult result, int index)
    {
        _sink.Reset(line.Number, 0);
        if (line.SkippedLength > 0)
        {
            _sink.Report(RuleIds.LineTooLong, null, -1, $"the line is {line.SkippedLength:N0} bytes, more than MaxLineBytes ({_plan.Rules.LineLimit:N0}); it was skipped unread");
            outcome.Invalid = true;
            return;
        }

        var offset = line.Offset;
        var length = line.Length;
        if (line.Number == 1 && length >= 3 && buffer[offset] == 0xEF && buffer[offset + 1] == 0xBB && buffer[offset + 2] == 0xBF)
        {
            _sink.Report(RuleIds.Bom, null, 0, "the file starts with a UTF-8 byte-order mark; many JSONL readers reject it");
            offset += 3;
            length -= 3;
            _sink.ColumnBias = 3;
        }

        if (length > 0 && buffer[offset + length - 1] == (byte)'\r')
        {
            length--;
        }

        var span = buffer.AsSpan(offset, length);
        if (span.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            _sink.Report(RuleIds.EmptyLine, null, -1, "blank line");
            return;
        }

        // Utf8JsonReader does not validate UTF-8 inside strings while reading, so this check cannot be skipped.
        if (!Utf8.IsValid(span))
        {
            var nulByte = span.IndexOf((byte)0);
            _sink.Report(nulByte >= 0 ? RuleIds.NulByte : RuleIds.InvalidUtf8, null, nulByte >= 0 ? nulByte : FirstInvalidUtf8(span), nulByte >= 0 ? "the line contains a NUL byte" : "the line is not valid UTF-8");
            outcome.Invalid = true;
            return;
        }

        // The reader rejects raw control characters, NUL included, so the NUL search runs only to explain a failure.
        if (!_dom.TryParse(buffer, offset, length, out var error, out var position))
        {
            var nul = span.IndexOf((byte)0);
            if (nul >= 0)
            {
                _sink.Report(RuleIds.NulByte, null, nul, "the line contains a NUL byte");
            }
            else if (_dom.TooDeep)
            {
                _sink.Report(RuleIds.TooDeep, null, (int)position, $"{error}; the validator reads at most {Json.LineDom.MaxDepth} levels");
            }
            else
            {
                _sink.Report(RuleIds.MalformedJson, null, (int)Math.Min(position, int.MaxValue - 1), $"malformed JSON: {error}");
            }

            outcome.Invalid = true;
            return;
        }

        outcome.IsExample = true;
        ReportReaderDisagreements();
        _checker.Check(_dom, _sink);
        outcome.Invalid = _sink.StructureErrors > 0;
        outcome.Turns = _sink.Roles.Count;
        foreach (var role in _sink.Roles)
        {
            CountRole(role, result);
        }

        if (!_plan.WantsText)
        {
            return;
        }

        if (_tokenizer is not null)
        {
            outcome.Tokens = CountTokens(result);
        }

        if (_pii is not null)
        {
            outcome.HasPii = ScanPii();
        }

        ReportSpecialTokenText();

        if (_plan.ExactHash || _plan.Signatures)
        {
            _fingerprinter.Reset();
            foreach (var s in _sink.Segments)
            {
                if (s.Kind == TextKind.Content)
                {
                    _fingerprinter.Add(s.Role, s.Text);
                }
            }

            if (!_fingerprinter.IsEmpty)
            {
                outcome.HasHash = true;
                outcome.Hash = _fingerprinter.ExactHash();
                if (_plan.Signatures)
                {
                    _fingerprinter.Signature(result.Signatures.AsSpan(index * Fingerprinter.SignatureLength, Fingerprinter.SignatureLength));
                }
            }
        }
    }

    /// <summary>Valid JSON that readers read differently: a duplicate key, a lone surrogate escape.</summary>
    private void ReportReaderDisagreements()
    {
        var duplicate = _dom.FindDuplicateName();
        if (duplicate != Json.LineDom.None)
        {
            _sink.Report(RuleIds.DuplicateKey, null, _dom[duplicate].NameStart - 1, $"key {ReportedNames.Quote(_dom.GetName(duplicate))} occurs twice in one object; Python and JavaScript keep the last value, this validator checks the first");
        }

        if (_dom.LoneSurrogate != Json.LineDom.None)
        {
            var node = _dom.LoneSurrogate;
            var where = _dom.LoneSurrogateInName ? "a key" : "a string";
            _sink.Report(RuleIds.LoneSurrogate, null, _dom.LoneSurrogateInName ? _dom[node].NameStart - 1 : _dom[node].Start, $"{where} holds a \\uD800-\\uDFFF escape without its surrogate pair (not Unicode text; some readers reject it); it is read and counted as U+FFFD, as tiktoken does");
        }
    }

    /// <summary>
    /// Warns about special-token text inside the data, a common template bug. The count follows tiktoken's
    /// <c>encode(allowed_special="all")</c>, which is how chat templates feed such text to training: an encoding's own
    /// special token is one token; other <c>&lt;|...|&gt;</c> text is ordinary text to that encoding.
    /// </summary>
    private void ReportSpecialTokenText()
    {
        foreach (var s in _sink.Segments)
        {
            if (s.Kind == TextKind.Metadata || !s.Text.Contains("<|", StringComparison.Ordinal))
            {
                continue;
            }

            var m = Pii.PiiPatterns.SpecialTokenText().Match(s.Text);
            if (!m.Success)
            {
                continue;
            }

            var name = ReportedNames.Quote(m.Value[2..^2]);
            var shown = name == ReportedNames.Hidden ? name : $"'<|{name.Trim('\'')}|>'";
            var counted = _tokenizer is null
                ? "if a tokenizer reads it as a special token the model sees a control token, not text"
                : _tokenizer.IsSpecialToken(m.ValueSpan)
                    ? $"counted as 1 token, the {_tokenizer.EncodingName} special token (tiktoken with allowed_special=\"all\"; encode_ordinary would count it as text)"
                    : $"not a {_tokenizer.EncodingName} special token, so counted as ordinary text; a tokenizer that defines it reads a control token";
            _sink.Report(RuleIds.SpecialTokenText, s.Path, s.Offset, $"special-token text {shown} at character {m.Index + 1} of the value; {counted}");
        }
    }

    private int CountTokens(BatchResult result)
    {
        long common = _sink.OverheadTokens, chosen = 0, rejected = 0;
        foreach (var s in _sink.Segments)
        {
            if (s.Kind == TextKind.Name && !_sink.CountChatOverhead)
            {
                continue;
            }

            var n = _tokenizer!.CountTokens(s.Text);
            switch (s.Group)
            {
                case 1: chosen += n; break;
                case 2: rejected += n; break;
                default: common += n; break;
            }

            if (s.Kind == TextKind.Content)
            {
                CollectionsMarshalExtensions.Increment(result.TokensPerRole, s.Role, n);
            }
        }

        var total = (int)Math.Min(int.MaxValue, common + Math.Max(chosen, rejected));
        if (_plan.Rules.Tokens!.Limit is { } limit && total > limit)
        {
            _sink.Report(RuleIds.MaxTokens, null, -1, $"the example has {total:N0} tokens ({_tokenizer!.EncodingName}), more than the limit of {limit:N0}");
        }

        return total;
    }

    private bool ScanPii()
    {
        var any = false;
        _pii!.BeginExample();
        foreach (var s in _sink.Segments)
        {
            if (s.Kind == TextKind.Metadata)
            {
                continue;
            }

            _matches.Clear();
            _pii!.Scan(s.Text, _matches);
            foreach (var m in _matches)
            {
                any = true;
                _sink.ReportSample(RuleIds.ForPii(m.Kind), s.Path, s.Offset, $"{Describe(m.Kind)} at character {m.Index + 1} of the value", m.Masked);
            }
        }

        return any;
    }

    internal static string Describe(PiiKind kind) => kind switch
    {
        PiiKind.Email => "e-mail address",
        PiiKind.Phone => "phone number",
        PiiKind.PaymentCard => "payment card number (Luhn-valid)",
        PiiKind.UsSsn => "US social security number",
        PiiKind.Iban => "IBAN (checksum-valid)",
        PiiKind.IPv4 => "IPv4 address",
        PiiKind.IPv6 => "IPv6 address",
        PiiKind.AwsAccessKey => "AWS access key id",
        PiiKind.GitHubToken => "GitHub token",
        PiiKind.PrivateKey => "private key block",
        PiiKind.Jwt => "JSON Web Token",
        _ => kind.ToString(),
    };

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        var pos = 0;
        while (pos < span.Length)
        {
            if (System.Buffers.OperationStatus.InvalidData == Rune.DecodeFromUtf8(span[pos..], out _, out var consumed))
            {
                return pos;
            }

            pos += Math.Max(1, consumed);
        }

        return span.Length;
    }
}

/// <summary>Counter helpers without a double dictionary lookup.</summary>
internal static class CollectionsMarshalExtensions
{
    public static void Increment(Dictionary<string, long> counts, string key, long by)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        slot += by;
    }
}
