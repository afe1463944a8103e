namespace LlmOps.Containers.Running;

/// <summary>Replaces secret values in text with "***". Longest first, so a secret containing another is fully hidden.</summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public SecretMasker(IEnumerable<string> secrets) =>
        _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public string Apply(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
