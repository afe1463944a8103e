using System.Text.RegularExpressions;

namespace LlmOps.Tracking;

/// <summary>Client-side checks of MLflow's naming rules, so a user mistake fails early with a clear message, the same on both backends.</summary>
internal static partial class TrackingValidation
{
    internal const int MaxKeyLength = 250;

    // MLflow 2.17+ truncates params to 6000 silently and 2.10 rejects them; truncating here behaves the same everywhere.
    internal const int MaxParamValueLength = 6000;

    // 5000 is the smallest tag limit among supported servers (2.10); longer values would be rejected there.
    internal const int MaxTagValueLength = 5000;

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex KeyPattern();

    internal static void Key(string key, string kind)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"The {kind} name must not be empty.", nameof(key));
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The {kind} name '{key[..40]}...' is {key.Length} characters long; MLflow allows at most {MaxKeyLength}.", nameof(key));
        }

        if (!KeyPattern().IsMatch(key) || key.Contains("..", StringComparison.Ordinal) || key.StartsWith('/') || key.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {kind} name '{key}' is invalid: names may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces, colons (:) and slashes (/), and must not contain '..' or '//' or start with '/'.", nameof(key));
        }
    }

    [GeneratedRegex(@"^[\w\-]+$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^v\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionAliasPattern();

    // MLflow's own rule (_validate_model_alias_name): 'latest' and 'v<number>' name versions already.
    internal static void Alias(string alias)
    {
        if (string.IsNullOrWhiteSpace(alias) || alias.Length > 255 || !AliasPattern().IsMatch(alias))
        {
            throw new ArgumentException($"The alias '{alias}' is invalid: aliases are 1 to 255 letters, digits, underscores (_) and dashes (-).", nameof(alias));
        }

        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionAliasPattern().IsMatch(alias))
        {
            throw new ArgumentException($"The alias '{alias}' is reserved by MLflow ('latest' and 'v<number>' name versions).", nameof(alias));
        }
    }

    internal static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
