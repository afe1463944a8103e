namespace LlmOps.Runtime;

/// <summary>
/// The environment variables a run sees: the process's, unless the host substitutes its own (tests run the app with a
/// private environment). Stage kinds ask their context for this service instead of reading the process, so that a
/// decision such as "this is CI" is made from the same variables the command line read.
/// </summary>
/// <param name="read">Reads one variable, or returns null when it is not set.</param>
public sealed class RunVariables(Func<string, string?> read)
{
    /// <summary>The process's own environment.</summary>
    public static RunVariables Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Reads one variable, or returns null when it is not set.</summary>
    public Func<string, string?> Read { get; } = read ?? throw new ArgumentNullException(nameof(read));

    /// <summary>The run's variables as <paramref name="services"/> offers them, or the process's when it offers none.</summary>
    public static RunVariables Of(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(RunVariables)) as RunVariables ?? Process;
    }
}
