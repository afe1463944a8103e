using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>
/// The release checks an auditor asks for: the evaluation gate passed for this exact package, and the files in the
/// deployment target are byte for byte the ones in the manifest. The record is signed when a key is configured.
/// </summary>
public static class Governance
{
    public static void Check(StageContext ctx, EvalReportArtifact evaluation, PackageArtifact package, ReportArtifact deployment, ReportArtifact output, string signingKey)
    {
        var checks = new List<(string Name, bool Passed, string Detail)>();
        var verdict = VerdictJson.Read(File.ReadAllText(evaluation.File(VerdictJson.FileName)));
        checks.Add(("evaluation gate passed", verdict.Passed, string.Join("; ", verdict.Rules.Select(r => $"{r.Rule} {KebabCaseName.Of(r.Status)}"))));
        var overrides = verdict.Rules.Where(r => r.Override is not null).Select(r => r.Override!).ToList();
        checks.Add(("no gate rule overridden without a record", overrides.All(o => o.Reason.Length > 0 && o.Who.Length > 0),
            overrides.Count == 0 ? "no overrides" : string.Join("; ", overrides.Select(o => $"{o.Rule} by {o.Who} at {o.When:u}: {o.Reason}"))));

        var packagedEval = Packaging.Sha256(package.File(VerdictJson.FileName)) == Packaging.Sha256(evaluation.File(VerdictJson.FileName));
        checks.Add(("package carries this evaluation", packagedEval, $"{VerdictJson.FileName} in the package matches the evaluation artifact"));

        var manifest = Packaging.ReadManifest(package.Directory);
        using var deployed = JsonDocument.Parse(File.ReadAllText(deployment.File("deployment.json")));
        var target = Path.GetFullPath(deployed.RootElement.GetProperty("files").GetString()!, ctx.RootDirectory);
        var mismatches = manifest.Files
            .Where(f => !File.Exists(Path.Combine(target, f.Path)) || Packaging.Sha256(Path.Combine(target, f.Path)) != f.Sha256)
            .Select(f => f.Path)
            .ToList();
        checks.Add(("deployed files match the manifest", mismatches.Count == 0, mismatches.Count == 0 ? $"{manifest.Files.Count} files verified in {Path.GetRelativePath(ctx.RootDirectory, target)}" : "mismatched: " + string.Join(", ", mismatches)));

        var record = JsonSerializer.Serialize(new
        {
            model = manifest.Name,
            version = manifest.Version,
            gateOverrides = overrides,
            thresholdsChanged = verdict.ChangedThresholds.Select(r => new { rule = r.Rule, value = r.Threshold.Value, committedDefault = r.Threshold.CommittedDefault }),
            checks = checks.Select(c => new { name = c.Name, passed = c.Passed, detail = c.Detail }),
        }, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(output.File("governance.json"), record);
        if (signingKey.Length > 0)
        {
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(record)));
            File.WriteAllText(output.File("governance.json.sig"), $"hmac-sha256:{signature}\n");
        }
        else
        {
            ctx.Log("governance record is unsigned: set --governance-signing-key (or GOVERNANCE_SIGNING_KEY) to sign it");
        }

        var summary = new StringBuilder("### Governance\n\n| check | result | detail |\n|---|---|---|\n");
        foreach (var (name, passed, detail) in checks)
        {
            summary.Append($"| {name} | {(passed ? "pass" : "FAIL")} | {detail} |\n");
        }

        ctx.Summary(summary.ToString());
        var failed = checks.Where(c => !c.Passed).Select(c => c.Name).ToList();
        if (failed.Count > 0)
        {
            throw new StageFailedException($"governance checks failed: {string.Join("; ", failed)}");
        }
    }
}
