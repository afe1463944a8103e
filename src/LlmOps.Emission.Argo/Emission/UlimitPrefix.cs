using System.Globalization;
using LlmOps.Containers.Specs;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// Kubernetes has no ulimit setting, so a container stage's ulimits are raised by a POSIX shell right before its
/// command (<c>sh -c 'ulimit -H -l unlimited &amp;&amp; ulimit -S -l unlimited &amp;&amp; exec "$0" "$@"' torchrun ...</c>).
/// A node whose hard limit is lower fails the task loudly instead of training with the wrong limit.
/// </summary>
internal static class UlimitPrefix
{
    // Docker names, the shell's flag, and the shell's unit in bytes (1 = a count).
    private static readonly Dictionary<string, (string Flag, long Unit)> Known = new(StringComparer.Ordinal)
    {
        ["memlock"] = ("-l", 1024),
        ["nofile"] = ("-n", 1),
        ["stack"] = ("-s", 1024),
        ["core"] = ("-c", 512),
        ["fsize"] = ("-f", 512),
    };

    public static IReadOnlyList<string> For(IReadOnlyList<UlimitSpec> ulimits, string where)
    {
        var commands = new List<string>();
        foreach (var limit in ulimits)
        {
            if (!Known.TryGetValue(limit.Name, out var known))
            {
                throw new EmissionException($"{where} sets the ulimit '{limit.Name}', which LlmOps cannot set in a Kubernetes pod; supported: {string.Join(", ", Known.Keys)}.");
            }

            commands.Add($"ulimit -H {known.Flag} {Value(limit.Hard, known.Unit)}");
            commands.Add($"ulimit -S {known.Flag} {Value(limit.Soft, known.Unit)}");
        }

        return ["sh", "-c", string.Join(" && ", commands) + " && exec \"$0\" \"$@\""];
    }

    private static string Value(long value, long unit) => value < 0 ? "unlimited" : (value / unit).ToString(CultureInfo.InvariantCulture);
}
