namespace LlmOps.Serving.Hosting;

/// <summary>A command line of <c>--name value</c> pairs; anything else is a usage error naming the argument.</summary>
internal static class Flags
{
    public static Dictionary<string, string> Parse(IReadOnlyList<string> args, params string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!known.Contains(args[i], StringComparer.Ordinal))
            {
                throw new UsageException($"unknown argument '{args[i]}' (known: {string.Join(", ", known)})");
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{args[i]} needs a value");
            }

            values[args[i]] = args[++i];
        }

        return values;
    }
}
