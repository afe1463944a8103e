using System.Globalization;
using LlmOps.Containers.Errors;

namespace LlmOps.Containers.Specs;

/// <summary>
/// Parses Docker-style size strings ("16g", "512m", "1024k", "100") into bytes, with binary units
/// exactly as <c>docker run --memory</c> and <c>--shm-size</c> read them.
/// </summary>
public static class ByteSize
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="option"/> names the setting in error messages.</summary>
    /// <exception cref="ContainerStageException">The text is not a positive size.</exception>
    public static long Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var trimmed = (text ?? string.Empty).Trim().ToLowerInvariant();
        if (trimmed.EndsWith('b') && trimmed.Length > 1 && char.IsLetter(trimmed[^2]))
        {
            trimmed = trimmed[..^1];
        }

        long multiplier = 1;
        if (trimmed.Length > 0 && char.IsLetter(trimmed[^1]))
        {
            multiplier = trimmed[^1] switch
            {
                'b' => 1L,
                'k' => 1L << 10,
                'm' => 1L << 20,
                'g' => 1L << 30,
                't' => 1L << 40,
                _ => 0,
            };
            trimmed = trimmed[..^1];
        }

        if (multiplier == 0
            || !decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number <= 0)
        {
            throw new ContainerStageException(
                $"Invalid {option} size '{text}': expected a positive number with an optional unit b, k, m, g or t (e.g. \"512m\", \"16g\").");
        }

        var bytes = number * multiplier;
        if (bytes > long.MaxValue)
        {
            throw new ContainerStageException($"Invalid {option} size '{text}': the value is too large.");
        }

        return (long)decimal.Truncate(bytes);
    }
}
