using System.Text;
using CsCheck;
using LlmOps.Governance.Audit;

namespace LlmOps.Governance.Tests.Audit;

public sealed class AuditChainProperties : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    // Deleting the LAST entry is not among the edits: a chain without a secret cannot tell a truncated trail from a
    // shorter one; the head's seq and hash in each signed governance record (and the registry tag) are what catch it.
    private enum Edit
    {
        FlipByte,
        DeleteLine,
        SwapLines,
        DuplicateLine,
    }

    [Fact]
    public void Any_random_edit_of_the_trail_is_detected()
    {
        var original = File.ReadAllBytes(WriteTrail(6));
        Gen.Select(Gen.Enum<Edit>(), Gen.Int[0, int.MaxValue - 1], Gen.Int[0, int.MaxValue - 1], Gen.Byte[1, 255])
            .Sample((edit, a, b, mask) =>
            {
                // CsCheck samples on several threads: each sample edits its own copy.
                var file = _root.Path_(Guid.NewGuid().ToString("N") + ".jsonl");
                File.WriteAllBytes(file, Apply(original, edit, a, b, mask));
                var verification = AuditTrail.OpenFile(file, _root.Root, AuditFixtures.Ci).Verify();
                File.Delete(file);
                return !verification.Intact;
            }, iter: 400);
    }

    private string WriteTrail(int count)
    {
        AuditFixtures.Write(_root.Root, count);
        return AuditFixtures.Trail(_root.Root).FilePath;
    }

    private static byte[] Apply(byte[] original, Edit edit, int a, int b, byte mask)
    {
        var lines = Encoding.UTF8.GetString(original).TrimEnd('\n').Split('\n').ToList();
        switch (edit)
        {
            case Edit.FlipByte:
                var bytes = (byte[])original.Clone();
                bytes[a % bytes.Length] ^= mask;
                return bytes;
            case Edit.DeleteLine:
                lines.RemoveAt(a % (lines.Count - 1));
                break;
            case Edit.SwapLines:
                var i = a % lines.Count;
                var j = (i + 1 + (b % (lines.Count - 1))) % lines.Count;
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case Edit.DuplicateLine:
                lines.Insert(b % lines.Count, lines[a % lines.Count]);
                break;
        }

        return Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
    }
}
