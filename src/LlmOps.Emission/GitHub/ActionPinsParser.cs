using System.Text.RegularExpressions;

namespace LlmOps.Emission.GitHub;

/// <summary>
/// Reads the pins file line by line rather than as YAML: the rules are about the exact text the bots rewrite
/// (the <c>uses:</c> line and its trailing version comment) and about a comment, which a YAML reader drops.
/// </summary>
internal static partial class ActionPinsParser
{
    public static IReadOnlyList<PinnedAction> Parse(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var pins = new List<PinnedAction>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!UsesKey().IsMatch(lines[i]))
            {
                continue;
            }

            var where = $"{source}: line {i + 1}";
            var pin = Pin(lines[i], i > 0 ? lines[i - 1] : "", where);
            if (pins.Any(p => p.Repository == pin.Repository))
            {
                throw new EmissionException($"{where}: {pin.Repository} is pinned twice; keep one line for it.");
            }

            pins.Add(pin);
        }

        var missing = ActionPins.Repositories.Where(r => pins.All(p => p.Repository != r)).ToList();
        if (missing.Count > 0)
        {
            throw new EmissionException($"{source}: no pin for {string.Join(", ", missing)}, which the generated workflows use; add a `uses:` line for each.");
        }

        var extra = pins.Where(p => !ActionPins.Repositories.Contains(p.Repository)).Select(p => p.Repository).ToList();
        if (extra.Count > 0)
        {
            throw new EmissionException($"{source}: {string.Join(", ", extra)} is pinned but no generated workflow uses it; remove it.");
        }

        return pins;
    }

    private static PinnedAction Pin(string line, string above, string where)
    {
        var uses = Uses().Match(line);
        if (!uses.Success)
        {
            throw new EmissionException($"{where}: write the action as `uses: owner/repo@<commit> # vX.Y.Z`.");
        }

        var repository = uses.Groups["repo"].Value;
        var sha = uses.Groups["ref"].Value;
        if (!FullSha().IsMatch(sha))
        {
            throw new EmissionException($"{where}: {repository} is pinned to '{sha}', not a full 40-hex commit SHA; a tag or branch can be moved, a commit cannot.");
        }

        var version = uses.Groups["comment"].Value.Trim();
        if (!Tag().IsMatch(version))
        {
            throw new EmissionException($"{where}: {repository} needs its release tag as the comment that ends the line (`# vX.Y.Z`), which Dependabot and Renovate update with the SHA.");
        }

        var runtime = Runtime().Match(above);
        if (!runtime.Success)
        {
            throw new EmissionException(
                $"{where}: {repository} {version} has no recorded runtime; put `# runs.using: <runtime> (checked for {version.Split('.')[0]})` on the line above, "
                + "with the runs.using of the action.yml at that commit.");
        }

        var pin = new PinnedAction(repository, sha, version, runtime.Groups["runtime"].Value.ToLowerInvariant(), runtime.Groups["major"].Value);
        if (!ActionPins.SupportedRuntimes.Contains(pin.Runtime))
        {
            throw new EmissionException(
                $"{where}: {repository} {version} runs on {pin.Runtime}, which GitHub-hosted runners no longer run; "
                + $"pin a release whose action.yml says runs.using: {string.Join(", ", ActionPins.SupportedRuntimes)}.");
        }

        if (pin.RuntimeCheckedFor != pin.Major)
        {
            // Actions change their runtime in major releases, so a major bump must be looked at again.
            throw new EmissionException(
                $"{where}: {repository} is pinned at {version}, but its runtime was checked for {pin.RuntimeCheckedFor}; "
                + $"read runs.using in the action.yml at that commit and update the line above to `# runs.using: <runtime> (checked for {pin.Major})`.");
        }

        return pin;
    }

    [GeneratedRegex(@"^\s*(-\s+)?uses\s*:")]
    private static partial Regex UsesKey();

    [GeneratedRegex(@"^\s*(-\s+)?uses\s*:\s*[""']?(?<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)@(?<ref>[^\s""'#]+)[""']?(\s+#(?<comment>.*))?\s*$")]
    private static partial Regex Uses();

    [GeneratedRegex(@"^[0-9a-f]{40}\z")]
    private static partial Regex FullSha();

    [GeneratedRegex(@"^v[0-9]+(\.[0-9]+){0,2}\z")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s*#\s*runs\.using:\s*[""']?(?<runtime>[A-Za-z0-9]+)[""']?\s+\(checked for (?<major>v[0-9]+)\)\s*$")]
    private static partial Regex Runtime();
}
