namespace LlmOps.Planning;

/// <summary>
/// A mistake in a pipeline definition or its inputs (parameters, plan wiring). Every problem found is listed,
/// so one run shows them all; the CLI prints the messages without a stack trace and exits with code 2.
/// </summary>
public sealed class DefinitionException : Exception
{
    /// <summary>Creates the exception from one or more problems.</summary>
    public DefinitionException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception from one problem.</summary>
    public DefinitionException(string problem)
        : this([problem])
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
