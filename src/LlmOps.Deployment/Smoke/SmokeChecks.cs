using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace LlmOps.Deployment;

/// <summary>
/// The smoke evaluation declared in the pipeline: <c>.Smoke(s =&gt; s.Expect("where is my parcel", "shipping"))</c>.
/// A chat model's cases ask <c>/v1/chat/completions</c>: <c>.ExpectChat("How do I reset my password?", contains: "password")</c>.
/// Every case must pass against the new version before any traffic reaches it.
/// </summary>
public sealed class SmokeChecks
{
    private readonly List<SmokeCase> _cases = [];

    /// <summary>The cases, in declaration order.</summary>
    public IReadOnlyList<SmokeCase> Cases => _cases;

    /// <summary>The classifier must label <paramref name="input"/> as <paramref name="expectedLabel"/>.</summary>
    public SmokeChecks Expect(string input, string expectedLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedLabel);
        _cases.Add(SmokeCase.Classify(input, expectedLabel));
        return this;
    }

    /// <summary>Any request: <paramref name="body"/> posted to <paramref name="route"/> must answer <paramref name="field"/> = <paramref name="expected"/>.</summary>
    public SmokeChecks Expect(string route, string body, string field, string expected)
    {
        if (!route.StartsWith('/'))
        {
            throw new ArgumentException($"smoke route '{route}' must start with '/'", nameof(route));
        }

        _cases.Add(new SmokeCase(route, body, field, expected));
        return this;
    }

    /// <summary>The chat model's greedy answer to <paramref name="prompt"/> must contain <paramref name="contains"/> (ignoring case).</summary>
    /// <param name="prompt">The user message.</param>
    /// <param name="contains">Text the answer must contain.</param>
    /// <param name="system">A system message before it, as the model was trained with, or null.</param>
    /// <param name="maxTokens">The longest answer asked for.</param>
    public SmokeChecks ExpectChat(string prompt, string contains, string? system = null, int maxTokens = 64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        ArgumentException.ThrowIfNullOrEmpty(contains);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        _cases.Add(SmokeCase.Chat(prompt, contains, SmokeMatch.Contains, system, maxTokens));
        return this;
    }

    /// <summary>The chat model's greedy answer to <paramref name="prompt"/> must match the regular expression <paramref name="pattern"/>.</summary>
    /// <param name="prompt">The user message.</param>
    /// <param name="pattern">A .NET regular expression; checked here, so a typo is a definition error.</param>
    /// <param name="system">A system message before it, as the model was trained with, or null.</param>
    /// <param name="maxTokens">The longest answer asked for.</param>
    public SmokeChecks ExpectChatMatching(string prompt, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern, string? system = null, int maxTokens = 64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        try
        {
            _ = new Regex(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"smoke pattern '{pattern}' is not a regular expression: {e.Message}", nameof(pattern), e);
        }

        _cases.Add(SmokeCase.Chat(prompt, pattern, SmokeMatch.Regex, system, maxTokens));
        return this;
    }

    internal string Describe() => string.Join("\n", _cases.Select(c => c.Describe()));
}
