namespace LlmOps.Execution;

/// <summary>Replaces every known secret value with <c>***</c>; everything the executor prints or writes passes through it.</summary>
public sealed class SecretMasker
{
    private readonly List<string> _secrets = [];
    private readonly Lock _gate = new();

    /// <summary>Registers a secret value (values shorter than 3 characters are ignored: masking them would garble output).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret))
            {
                _secrets.Add(secret);
                _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    /// <summary>The text with secrets masked.</summary>
    public string Mask(string text)
    {
        lock (_gate)
        {
            foreach (var secret in _secrets)
            {
                if (text.Contains(secret, StringComparison.Ordinal))
                {
                    text = text.Replace(secret, "***", StringComparison.Ordinal);
                }
            }
        }

        return text;
    }
}
