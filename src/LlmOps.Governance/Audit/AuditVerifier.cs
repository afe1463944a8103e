using System.Text;

namespace LlmOps.Governance.Audit;

/// <summary>
/// Walks the chain and names each break: the entry whose bytes no longer match its hash (edited), a rehashed entry
/// that its successor no longer chains to (edited), a gap in the sequence (deleted), a sequence number that comes
/// later in the file (reordered), or one that comes twice where only one copy chains on (inserted).
/// </summary>
internal static class AuditVerifier
{
    public static AuditVerification Verify(string file)
    {
        if (!File.Exists(file))
        {
            return new AuditVerification([], []);
        }

        var bytes = File.ReadAllBytes(file);
        var lines = Split(bytes);
        var problems = new List<AuditProblem>();
        var parsed = new List<(long Line, AuditEntry Entry, bool Intact)>();
        var afterUnreadable = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (text, terminated) = lines[i];
            long number = i + 1;
            if (!terminated)
            {
                problems.Add(new(number, null, AuditProblemKind.Torn, $"line {number} is torn: it has no newline, so a writer stopped mid-append (the next append moves it to {Path.GetFileName(file)}.torn)"));
                continue;
            }

            if (AuditJson.TryParse(text, out var why) is not { } entry)
            {
                problems.Add(new(number, null, AuditProblemKind.Unreadable, $"line {number} is not an audit entry ({why}): it was edited or written by something else"));
                afterUnreadable.Add(parsed.Count);
                continue;
            }

            var intact = AuditJson.Line(entry) == text && AuditJson.HashOf(entry) == entry.Hash;
            parsed.Add((number, entry, intact));
        }

        Walk(parsed, afterUnreadable, problems);
        return new AuditVerification(parsed.Select(p => p.Entry).ToList(), problems.OrderBy(p => p.Line).ToList());
    }

    private static void Walk(List<(long Line, AuditEntry Entry, bool Intact)> parsed, HashSet<int> afterUnreadable, List<AuditProblem> problems)
    {
        var firstLine = new Dictionary<long, int>();
        for (var i = 0; i < parsed.Count; i++)
        {
            firstLine.TryAdd(parsed[i].Entry.Seq, i);
        }

        long expected = 1;
        var previousHash = AuditEntry.Genesis;
        (long Line, AuditEntry Entry)? previous = null;
        for (var i = 0; i < parsed.Count; i++)
        {
            var (line, entry, intact) = parsed[i];
            var seq = entry.Seq;

            // The entry after a line that is not an entry cannot chain to it; that line is the problem already named.
            var followsUnreadable = afterUnreadable.Contains(i);
            if (seq == expected)
            {
                if (!intact)
                {
                    problems.Add(new(line, seq, AuditProblemKind.Edited, $"entry seq {seq} (line {line}, {entry.Kind} {entry.Subject}) was edited: its bytes no longer match its hash"));
                }
                else if (entry.PrevHash != previousHash && !followsUnreadable)
                {
                    problems.Add(previous is { } before
                        ? new(before.Line, before.Entry.Seq, AuditProblemKind.Edited, $"entry seq {before.Entry.Seq} (line {before.Line}, {before.Entry.Kind} {before.Entry.Subject}) was changed after seq {seq} was written: its hash was recomputed, and seq {seq}'s prevHash no longer matches it")
                        : new(line, seq, AuditProblemKind.Edited, $"entry seq {seq} (line {line}) does not start the chain: its prevHash is not the genesis hash"));
                }
            }
            else if (seq > expected && followsUnreadable && seq == expected + 1)
            {
                // The unreadable line was seq expected: already named.
            }
            else if (seq > expected)
            {
                if (firstLine.TryGetValue(expected, out var later) && later > i)
                {
                    problems.Add(new(line, seq, AuditProblemKind.Reordered, $"entries seq {expected} and seq {seq} are reordered: seq {seq} is at line {line}, before seq {expected} at line {parsed[later].Line}"));
                }
                else
                {
                    var missing = seq - expected == 1 ? $"entry seq {expected} was deleted" : $"entries seq {expected} to {seq - 1} were deleted";
                    problems.Add(new(line, expected, AuditProblemKind.Deleted, $"{missing}: {(previous is { } p ? $"seq {p.Entry.Seq} at line {p.Line}" : "the start of the trail")} is followed by seq {seq} at line {line}"));
                }
            }
            else
            {
                var first = firstLine[seq];
                if (first < i)
                {
                    // Two entries claim the same place; the one the chain continues from is the original.
                    var original = intact && i + 1 < parsed.Count && parsed[i + 1].Entry.PrevHash == entry.Hash;
                    var (insertedLine, inserted) = original ? (parsed[first].Line, parsed[first].Entry) : (line, entry);
                    problems.Add(new(insertedLine, seq, AuditProblemKind.Inserted, $"an entry was inserted at line {insertedLine} ({inserted.Kind} {inserted.Subject}): seq {seq} appears twice, at lines {parsed[first].Line} and {line}"));
                    if (original)
                    {
                        previousHash = entry.Hash;
                        previous = (line, entry);
                    }
                }

                // An entry seen out of order was reported with the one that came before it.
                continue;
            }

            expected = seq + 1;
            previousHash = entry.Hash;
            previous = (line, entry);
        }
    }

    private static List<(string Text, bool Terminated)> Split(byte[] bytes)
    {
        var lines = new List<(string, bool)>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add((Encoding.UTF8.GetString(bytes, start, i - start), true));
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add((Encoding.UTF8.GetString(bytes, start, bytes.Length - start), false));
        }

        return lines;
    }
}
