namespace LlmOps.Cli;

/// <summary>The parsed command line: targets, built-in options, and everything else as parameter values.</summary>
public sealed class CommandLine
{
    /// <summary>Options the CLI itself understands (everything else must be a parameter).</summary>
    public static readonly IReadOnlyList<string> KnownOptions =
        ["help", "plan", "dry-run", "skip", "parallel", "continue", "no-cache", "profile", "root", "export", "lock-wait", "cancel-grace", "check", "verbose", "limit", "verify", "store", "keep-runs", "keep-deployments", "plan-json", "base", "format", "output", "to", "cached-only", "outputs-from", "shared-store"];

    /// <summary>Positional arguments: targets (or a command such as <c>Runs</c>).</summary>
    public List<string> Targets { get; } = [];

    /// <summary><c>--skip</c> was given.</summary>
    public bool Skip { get; private set; }

    /// <summary>Stage names given after <c>--skip</c>; empty with <see cref="Skip"/> means every stage but the targets.</summary>
    public List<string> SkipStages { get; } = [];

    /// <summary>Options and parameters by name as typed (without dashes).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    private readonly List<int> _targetPositions = [];

    /// <summary>The raw arguments without the targets.</summary>
    public IEnumerable<string> RawWithoutTargets => Raw.Where((_, i) => !_targetPositions.Contains(i));

    /// <summary>The raw arguments.</summary>
    public IReadOnlyList<string> Raw { get; private set; } = [];

    /// <summary>Whether an option was given.</summary>
    public bool Has(string option) => Values.ContainsKey(option);

    /// <summary>An option's value.</summary>
    public string? Get(string option) => Values.GetValueOrDefault(option);

    /// <summary>Values that are not CLI options, i.e. parameter values.</summary>
    public Dictionary<string, string> Parameters =>
        Values.Where(kv => !KnownOptions.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>
    /// Parses NUKE-style arguments: <c>Train --epochs 5 --skip Validate --no-cache</c>. The argument after a secret
    /// parameter (<paramref name="secrets"/>) is always its value, even when it starts with <c>--</c>: a generated
    /// token may, and reading it as an option would both lose the secret and echo it in the "unknown option" error.
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> args, SecretArguments? secrets = null)
    {
        var line = new CommandLine { Raw = args };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "-?" or "/?")
            {
                line.Values["help"] = "true";
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                line.Targets.Add(arg);
                line._targetPositions.Add(i);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=');
            if (equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name.Equals("skip", StringComparison.OrdinalIgnoreCase))
            {
                line.Skip = true;
                if (inlineValue is not null)
                {
                    line.SkipStages.AddRange(inlineValue.Split(',', StringSplitOptions.RemoveEmptyEntries));
                }

                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    line.SkipStages.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries));
                }

                continue;
            }

            if (inlineValue is not null)
            {
                line.Values[name] = inlineValue;
            }
            else if (i + 1 < args.Count && (!args[i + 1].StartsWith("--", StringComparison.Ordinal) || secrets?.IsSecret(name) == true) && !IsFlag(name))
            {
                line.Values[name] = args[++i];
            }
            else
            {
                line.Values[name] = "true";
            }
        }

        return line;
    }

    private static bool IsFlag(string name) =>
        name.ToLowerInvariant() is "help" or "plan" or "dry-run" or "continue" or "no-cache" or "check" or "verbose" or "verify" or "store" or "cached-only" or "shared-store";
}
