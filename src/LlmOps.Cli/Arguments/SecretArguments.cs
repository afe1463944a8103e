using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// The secret parameters of the pipeline classes, known before any pipeline is loaded: the parser reads the argument
/// after one as its value, and usage errors are masked with the values typed or set in the environment for them.
/// </summary>
public sealed class SecretArguments
{
    private readonly HashSet<string> _names;

    /// <summary>Collects the secret parameter names the <paramref name="pipelines"/> classes declare.</summary>
    public SecretArguments(IEnumerable<Type> pipelines)
    {
        _names = pipelines.SelectMany(SecretParameterNames.Of).ToHashSet();
        Normalized = _names.Select(ParameterNames.Normalize).ToHashSet();
    }

    /// <summary>The secret names, normalized (<see cref="ParameterNames.Normalize"/>).</summary>
    public IReadOnlySet<string> Normalized { get; }

    /// <summary>Whether <c>--<paramref name="option"/></c> names a secret, plainly or qualified (<c>pipeline.name</c>).</summary>
    public bool IsSecret(string option) => Normalized.Contains(ParameterNames.Normalize(option[(option.LastIndexOf('.') + 1)..]));

    /// <summary>A masker for the secret values in <paramref name="args"/> and in the plain environment variables of secret parameters.</summary>
    public SecretMasker MaskerFor(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var masker = new SecretMasker();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var option = args[i][2..];
            var equals = option.IndexOf('=');
            if (equals > 0 && IsSecret(option[..equals]))
            {
                masker.Add(option[(equals + 1)..]);
            }
            else if (equals < 0 && IsSecret(option) && i + 1 < args.Count)
            {
                masker.Add(args[i + 1]);
            }
        }

        foreach (var variable in _names.Select(ParameterNames.ToEnvironment).SelectMany(n => new[] { "LLMOPS_" + n, n }))
        {
            masker.Add(environment(variable));
        }

        return masker;
    }
}
