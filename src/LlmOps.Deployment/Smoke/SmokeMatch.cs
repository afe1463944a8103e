namespace LlmOps.Deployment;

/// <summary>How a smoke case compares the answer's field with its expectation.</summary>
public enum SmokeMatch
{
    /// <summary>The field equals the expectation (a classifier's label).</summary>
    Equals,

    /// <summary>The field contains the expectation, ignoring case (a generated answer that must mention something).</summary>
    Contains,

    /// <summary>The field matches the expectation as a .NET regular expression.</summary>
    Regex,
}
