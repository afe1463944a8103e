using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmOps.Cli.Plans;

/// <summary>
/// The changes a reviewer must not miss, found in the words features use for themselves (the core knows no stage
/// kind): a numeric default lowered where a stage that gates or applies rules reads it, a threshold in a rule's
/// description loosened, a gate or policy stage removed, and a rule set changed.
/// </summary>
internal static partial class CallOuts
{
    /// <summary>The call-outs, most important first.</summary>
    public static List<string> Find(
        IReadOnlyList<ParameterChange> parameters,
        IReadOnlyList<StageChange> stages,
        IReadOnlyDictionary<string, StageSnapshot> before,
        IReadOnlyDictionary<string, StageSnapshot> after,
        IReadOnlyDictionary<string, string> renames)
    {
        var callOuts = new List<string>();
        foreach (var parameter in parameters.Where(p => p.Direction == "lowered"))
        {
            var guards = parameter.ReadBy.Where(id => IsGuard(after[id])).ToList();
            if (guards.Count > 0 || ThresholdName().IsMatch(parameter.Name))
            {
                var readers = parameter.ReadBy.Count == 0 ? "" : $", read by {string.Join(", ", parameter.ReadBy.Select(id => Describe(after[id])))}";
                callOuts.Add($"⚠ {parameter.Pipeline}: the default of `{parameter.Name}` is lowered from {parameter.OldDefault} to {parameter.NewDefault}{readers}");
            }
        }

        foreach (var stage in after.Values)
        {
            var oldId = renames.GetValueOrDefault(stage.Id, stage.Id);
            if (!before.TryGetValue(oldId, out var old))
            {
                continue;
            }

            foreach (var (name, now) in stage.CacheKey.Where(kv => IsRuleComponent(kv.Key)))
            {
                if (old.CacheKey.TryGetValue(name, out var was) && was != now)
                {
                    var loosened = Loosened(was, now);
                    callOuts.Add($"⚠ {stage.Id}: {name} changed{(loosened.Count > 0 ? $" and loosened ({string.Join("; ", loosened)})" : "")}: {KeyChanges.Shown(was)} → {KeyChanges.Shown(now)}");
                }
            }
        }

        foreach (var removed in stages.Where(s => s.Kind == ChangeKind.Removed && IsGuard(before[s.Id])))
        {
            callOuts.Add($"⚠ {removed.Id} is removed: {string.Join("; ", before[removed.Id].Annotations)}");
        }

        return callOuts;
    }

    // A stage whose features describe it as gating or applying rules or policy.
    private static bool IsGuard(StageSnapshot stage) =>
        stage.Annotations.Any(a => GuardWords().IsMatch(a)) || stage.CacheKey.Keys.Any(IsRuleComponent);

    private static bool IsRuleComponent(string name) => !CoreComponent().IsMatch(name) && GuardWords().IsMatch(name);

    private static string Describe(StageSnapshot stage) =>
        stage.Annotations.Count == 0 ? stage.Id : $"{stage.Id} ({string.Join("; ", stage.Annotations)})";

    // Each "AtLeast(metric,0.85" / ">= 0.85" style threshold in the old text compared with the same one in the new:
    // a lower bound that goes down, or an upper bound that goes up, lets more through.
    private static List<string> Loosened(string before, string after)
    {
        var old = Thresholds(before);
        var now = Thresholds(after);
        var loosened = new List<string>();
        foreach (var ((subject, lower), was) in old)
        {
            if (now.TryGetValue((subject, lower), out var value) && (lower ? value < was : value > was))
            {
                loosened.Add($"{subject} {(lower ? "≥" : "≤")} {was.ToString(CultureInfo.InvariantCulture)} → {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return loosened;
    }

    private static Dictionary<(string Subject, bool Lower), double> Thresholds(string text)
    {
        var found = new Dictionary<(string, bool), double>();
        foreach (Match match in Threshold().Matches(text))
        {
            var lower = match.Groups["op"].Value is ">=" or ">" or "≥" || match.Groups["op"].Value.StartsWith("AtLeast", StringComparison.OrdinalIgnoreCase) || match.Groups["op"].Value.StartsWith("Min", StringComparison.OrdinalIgnoreCase);
            if (double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                found.TryAdd((match.Groups["subject"].Value, lower), value);
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?<op>AtLeast|AtMost|Min\w*|Max\w*)\((?<subject>[^,()]+),(?<value>-?[0-9.Ee+-]+)|(?<subject>[\w.-]+)\s*(?<op>>=|<=|≥|≤|>|<)\s*(?<value>-?[0-9.Ee+-]+)")]
    private static partial Regex Threshold();

    [GeneratedRegex("gate|rule|polic|threshold", RegexOptions.IgnoreCase)]
    private static partial Regex GuardWords();

    [GeneratedRegex("^(param|input|artifact|env):")]
    private static partial Regex CoreComponent();

    [GeneratedRegex("^(min|max)-|threshold", RegexOptions.IgnoreCase)]
    private static partial Regex ThresholdName();
}
