namespace LlmOps.Deployment;

/// <summary>
/// The smoke evaluation declared in the pipeline: <c>.Smoke(s =&gt; s.Expect("where is my parcel", "shipping"))</c>.
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

    internal string Describe() => string.Join("\n", _cases.Select(c => c.Describe()));
}
