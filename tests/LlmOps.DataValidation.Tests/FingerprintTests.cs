using System.IO.Hashing;
using System.Runtime.InteropServices;
using CsCheck;
using LlmOps.DataValidation.Duplicates;

namespace LlmOps.DataValidation.Tests;

public sealed class FingerprintTests
{
    // Whitespace of every kind (tab, newline, NBSP, line separator), case, digits, punctuation and non-ASCII letters, so
    // random texts cross every branch of the vectorised path and its scalar fallback.
    private static readonly Gen<string> Text = Gen.Char["aB z  \t\n\r\u00A0\u2028.,!9É日eİ-_"].Array[0, 120].Select(c => new string(c));

    [Fact]
    public void Exact_hashes_and_signatures_equal_the_character_by_character_definition()
    {
        Gen.Select(Gen.Int[0, 2].Select(i => new[] { "user", "assistant", "Tool" }[i]), Text).Array[1, 4].Sample(segments =>
        {
            var fast = new Fingerprinter();
            var reference = new ScalarFingerprint();
            fast.Reset();
            foreach (var (role, text) in segments)
            {
                fast.Add(role, text);
                reference.Add(role, text);
            }

            Assert.Equal(reference.ExactHash(), fast.ExactHash());
            var signature = new uint[Fingerprinter.SignatureLength];
            fast.Signature(signature);
            Assert.Equal(reference.Signature(), signature);
        }, iter: 3000);
    }

    [Theory]
    [InlineData("Hello   World", "hello world")]
    [InlineData("  leading and trailing  ", "LEADING AND TRAILING")]
    [InlineData("tabs\tand\nnewlines here", "tabs and newlines here")]
    [InlineData("a long sentence that spans several vector blocks, with punctuation.", "A LONG sentence  that spans several vector blocks, with punctuation.")]
    public void Texts_that_differ_only_in_case_and_whitespace_hash_alike(string a, string b)
    {
        Assert.Equal(Exact(a), Exact(b));
    }

    [Fact]
    public void Different_words_or_roles_hash_differently()
    {
        Assert.NotEqual(Exact("hello world"), Exact("hello worlds"));
        Assert.NotEqual(Exact("helloworld"), Exact("hello world"));

        var user = new Fingerprinter();
        user.Reset();
        user.Add("user", "hi");
        var assistant = new Fingerprinter();
        assistant.Reset();
        assistant.Add("assistant", "hi");
        Assert.NotEqual(user.ExactHash(), assistant.ExactHash());
    }

    private static UInt128 Exact(string text)
    {
        var f = new Fingerprinter();
        f.Reset();
        f.Add("user", text);
        return f.ExactHash();
    }

    /// <summary>The definition, one character at a time: lower-case, collapse whitespace, words are letter-or-digit runs.</summary>
    private sealed class ScalarFingerprint
    {
        private readonly System.Text.StringBuilder _text = new();

        public void Add(string role, string text)
        {
            _text.Append(role).Append('\u0001');
            var contentStart = _text.Length;
            var pendingSpace = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }

                if (pendingSpace && _text.Length > contentStart)
                {
                    _text.Append(' ');
                }

                pendingSpace = false;
                _text.Append(char.ToLowerInvariant(c));
            }

            _text.Append('\u0002');
        }

        public UInt128 ExactHash() => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(_text.ToString().AsSpan()));

        public uint[] Signature()
        {
            var text = _text.ToString();
            var words = new List<ulong>();
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
                if (isWord && start < 0)
                {
                    start = i;
                }
                else if (!isWord && start >= 0)
                {
                    words.Add(Fingerprinter.WordHash(text.AsSpan(start, i - start)));
                    start = -1;
                }
            }

            // One-permutation MinHash of the 3-shingles, then rotation densification, as first written.
            var signature = Enumerable.Repeat(uint.MaxValue, Fingerprinter.SignatureLength).ToArray();
            for (var s = 0; s < Math.Max(1, words.Count - 2) && words.Count > 0; s++)
            {
                var h = words[s];
                h = s + 1 < words.Count ? (h * 0x100000001B3UL) ^ words[s + 1] : h;
                h = s + 2 < words.Count ? (h * 0x100000001B3UL) ^ words[s + 2] : h;
                h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
                h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
                h ^= h >> 31;
                signature[(int)(h >> 58)] = Math.Min(signature[(int)(h >> 58)], (uint)h);
            }

            var original = signature.ToArray();
            if (original.Any(v => v != uint.MaxValue))
            {
                for (var i = 0; i < original.Length; i++)
                {
                    for (var k = 1; original[i] == uint.MaxValue && k < original.Length; k++)
                    {
                        if (original[(i + k) % original.Length] != uint.MaxValue)
                        {
                            signature[i] = unchecked(original[(i + k) % original.Length] + ((uint)k * 0x9E3779B1u));
                            break;
                        }
                    }
                }
            }

            return signature;
        }
    }
}
