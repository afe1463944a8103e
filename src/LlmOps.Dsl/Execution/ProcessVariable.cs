namespace LlmOps.Dsl;

/// <summary>
/// An environment variable for a process a stage starts (a container trainer), published by a service that follows
/// the run, such as the experiment tracker (<c>MLFLOW_RUN_ID</c>). Secret values are masked in every log.
/// </summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Value">Its value.</param>
/// <param name="IsSecret">Whether the value is a credential.</param>
public sealed record ProcessVariable(string Name, string Value, bool IsSecret)
{
    /// <summary>The name and, unless secret, the value.</summary>
    public override string ToString() => IsSecret ? $"{Name}=***" : $"{Name}={Value}";
}
