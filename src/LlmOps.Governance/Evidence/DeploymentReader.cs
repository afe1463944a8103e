using System.Text.Json;
using LlmOps.Packaging;

namespace LlmOps.Governance;

/// <summary>
/// Reads a deployment record (<c>deployment.json</c>) and compares what is deployed with the package: the record's
/// <c>target</c> (or <c>path</c>) names the deployed folder or archive, relative to the repository root or absolute,
/// and its optional <c>digest</c> states the archive digest the deployer read back. A folder holding
/// <c>package.tar</c> is compared by that archive's digest; a folder of extracted files file by file against the
/// manifest.
/// </summary>
internal static class DeploymentReader
{
    public const string RecordFile = "deployment.json";

    public static DeploymentEvidence? Read(string directory, string root, PackageContents package, List<string> problems)
    {
        var record = Path.Combine(directory, RecordFile);
        if (!File.Exists(record))
        {
            problems.Add($"the deployment record has no {RecordFile}");
            return null;
        }

        string? target = null;
        string? stated = null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(record));
            var json = document.RootElement;
            // A deployment that did not happen (its target would not outlive a CI job) has no bytes to check; the
            // record says why, and the rule reports that rather than failing on a folder that never existed.
            if (json.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() == "not-deployed")
            {
                var why = json.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                return new DeploymentEvidence(record, "", null, [], 0, why ?? "the deployment record says nothing was deployed");
            }

            // "files" is where the Docker target mirrors the served version's files on the build machine.
            target = new[] { "path", "files", "target" }.Select(n => json.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
                .OfType<string>().Select(t => Path.GetFullPath(t, root)).FirstOrDefault(t => File.Exists(t) || Directory.Exists(t));
            stated = json.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        }
        catch (JsonException e)
        {
            problems.Add($"{record}: not JSON ({e.Message})");
            return null;
        }

        if (target is null)
        {
            return new DeploymentEvidence(record, "", stated, stated is null ? ["the record names no deployed path that exists and states no digest"] : [], 0);
        }

        var archive = File.Exists(target) ? target : Path.Combine(target, PackageLayout.Archive);
        if (File.Exists(archive))
        {
            var digest = EvidenceLoader.Sha256(archive);
            return new DeploymentEvidence(record, target, digest, digest == package.Digest ? [] : [$"{archive} has digest {digest}"], 1);
        }

        var mismatches = package.Files
            .Where(f => Path.Combine(target, f.Path) is var path && (!File.Exists(path) || EvidenceLoader.Sha256(path) != "sha256:" + f.Sha256))
            .Select(f => f.Path)
            .ToList();
        return new DeploymentEvidence(record, target, stated, mismatches, package.Files.Count);
    }
}
