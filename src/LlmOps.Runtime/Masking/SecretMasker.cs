namespace LlmOps.Runtime;

/// <summary>
/// Replaces every known secret value in text with <c>***</c>. Everything the executor prints or writes (stage logs,
/// the console, failure reasons, process output) passes through one masker per run. Safe to use from many threads:
/// secrets may be added while other threads mask.
/// </summary>
/// <remarks>
/// <para>
/// Values shorter than <see cref="MinimumLength"/> characters are not masked in free text: replacing every "1" or
/// "ab" in a log would make it unreadable, and the pattern of replaced characters would itself give the value away.
/// Such a value protects nothing as a secret anyway. Places that know which value is secret (the run record's
/// parameters, <c>--help</c>, parameter errors) print <c>***</c> for it whatever its length; they do not rely on
/// this class.
/// </para>
/// <para>
/// Every occurrence of every secret is found in the original text before anything is replaced, and each stretch
/// covered by one or more occurrences becomes a single <c>***</c>. So a secret containing another, and secrets that
/// overlap ("abcd" and "cdef" in "abcdef"), are hidden completely, which replacing one secret after another would not
/// guarantee.
/// </para>
/// <para>
/// A multi-line value (a PEM key) is also registered line by line, because logs are written and masked a line at a
/// time and the whole value never appears in one line.
/// </para>
/// </remarks>
public sealed class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Placeholder = "***";

    /// <summary>The shortest value that is masked in free text; see the remarks on <see cref="SecretMasker"/>.</summary>
    public const int MinimumLength = 3;

    private readonly Lock _gate = new();

    // Copy-on-write: Mask reads a snapshot without locking, Add publishes a new array.
    private volatile string[] _secrets = [];

    /// <summary>An empty masker; see <see cref="Add"/>.</summary>
    public SecretMasker()
    {
    }

    /// <summary>A masker that knows <paramref name="secrets"/> (null, empty and short values are ignored).</summary>
    public SecretMasker(IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            Add(secret);
        }
    }

    /// <summary>Whether no secret is registered.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>
    /// Registers a secret value. Returns false when nothing was registered because the value (and each of its lines)
    /// is null, empty or shorter than <see cref="MinimumLength"/>.
    /// </summary>
    public bool Add(string? secret)
    {
        var candidates = Candidates(secret).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        lock (_gate)
        {
            var added = candidates.Except(_secrets, StringComparer.Ordinal).ToList();
            if (added.Count > 0)
            {
                _secrets = [.. _secrets.Concat(added).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
            }
        }

        return true;
    }

    /// <summary>The text with every registered secret replaced by <see cref="Placeholder"/>.</summary>
    public string Mask(string text)
    {
        var secrets = _secrets;
        if (secrets.Length == 0 || text.Length == 0)
        {
            return text;
        }

        bool[]? covered = null;
        foreach (var secret in secrets)
        {
            for (var at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
            {
                covered ??= new bool[text.Length];
                Array.Fill(covered, true, at, secret.Length);
            }
        }

        return covered is null ? text : Replace(text, covered);
    }

    private static IEnumerable<string> Candidates(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            yield break;
        }

        if (secret.Length >= MinimumLength)
        {
            yield return secret;
        }

        if (secret.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in secret.Split('\n'))
            {
                var trimmed = line.TrimEnd('\r');
                if (trimmed.Length >= MinimumLength)
                {
                    yield return trimmed;
                }
            }
        }
    }

    private static string Replace(string text, bool[] covered)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!covered[i])
            {
                result.Append(text[i]);
            }
            else if (i == 0 || !covered[i - 1])
            {
                result.Append(Placeholder);
            }
        }

        return result.ToString();
    }
}
