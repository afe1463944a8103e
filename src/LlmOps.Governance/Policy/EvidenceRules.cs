using System.Globalization;
using System.Text.Json;
using LlmOps.Evaluation;

namespace LlmOps.Governance;

/// <summary>The built-in rules of <see cref="GovernancePolicy"/>, each a function of the evidence.</summary>
internal static class EvidenceRules
{
    public static RuleResult DataValidated(GovernanceEvidence e)
    {
        if (e.Validations.Count == 0)
        {
            return RuleResult.Fail("no data validation report was found in the declared reports or the package's evidence" + Problems(e));
        }

        var failed = e.Validations.Where(v => v.Verdict == "failed").ToList();
        return RuleResult.Of(failed.Count == 0,
            failed.Count == 0
                ? $"{e.Validations.Count} validation report(s) passed: {string.Join(", ", e.Validations.Select(v => $"{v.Source} {v.Verdict}"))}"
                : $"validation failed in {string.Join(", ", failed.Select(v => v.Source))}",
            e.Validations.ToDictionary(v => v.Source, v => v.Verdict));
    }

    public static RuleResult NoPiiErrors(GovernanceEvidence e)
    {
        var pii = e.Validations.SelectMany(v => v.Rules.Select(r => (v.Source, Rule: r))).Where(x => x.Rule.RuleId.StartsWith("pii.", StringComparison.Ordinal)).ToList();
        if (pii.Count == 0)
        {
            return RuleResult.Fail("no PII rule ran on the data: add .NoPii(...) to the validation (an absent check is not a clean result)");
        }

        var errors = pii.Where(x => x.Rule.Violated && x.Rule.Severity == "error").ToList();
        return RuleResult.Of(errors.Count == 0,
            errors.Count == 0
                ? $"{pii.Count} PII rule result(s), none an error"
                : "PII errors: " + string.Join("; ", errors.Select(x => $"{x.Rule.RuleId} in {x.Rule.Split} ({x.Rule.Findings} finding(s), {x.Source})")));
    }

    public static RuleResult GatePassed(GovernanceEvidence e)
    {
        if (e.Verdict is not { } verdict)
        {
            return RuleResult.Fail("there is no gate verdict: neither a declared evaluation report nor evidence/verdict.json in the package" + Problems(e));
        }

        var evidence = new Dictionary<string, string> { ["verdict"] = e.VerdictSource ?? "", ["passed"] = verdict.Passed ? "true" : "false" };
        if (e.VerdictMatchesPackage == false)
        {
            return RuleResult.Fail($"the verdict in {e.VerdictSource} is not the one the package carries (evidence/verdict.json): the package was not made from this evaluation", evidence);
        }

        if (!verdict.Passed)
        {
            return RuleResult.Fail("the gate did not pass: " + string.Join("; ", verdict.Blocking.Select(r => $"{r.Rule} {KebabCaseName.Of(r.Status)}")), evidence);
        }

        var overridden = verdict.Rules.Where(r => r.Status == RuleStatus.Overridden).ToList();
        var unrecorded = overridden.Where(r => r.Override is not { Reason.Length: > 0, Who.Length: > 0 }).Select(r => r.Rule).ToList();
        if (unrecorded.Count > 0)
        {
            return RuleResult.Fail($"gate rule(s) {string.Join(", ", unrecorded)} were overridden without a recorded reason and approver", evidence);
        }

        foreach (var rule in overridden)
        {
            evidence["override:" + rule.Rule] = $"{rule.Override!.Who} at {rule.Override.When.UtcDateTime:u}: {rule.Override.Reason}";
        }

        return RuleResult.Pass(overridden.Count == 0
            ? $"the gate passed on {verdict.Examples} examples ({verdict.Rules.Count} rule(s))"
            : $"the gate passed with {overridden.Count} override(s): " + string.Join("; ", overridden.Select(r => $"{r.Rule} by {r.Override!.Who}: {r.Override.Reason}")), evidence);
    }

    public static RuleResult PackageSigned(GovernanceEvidence e)
    {
        if (e.Record is not { } record)
        {
            return RuleResult.Fail("the package has no readable package.json" + Problems(e));
        }

        if (!record.Signed)
        {
            return RuleResult.Fail($"package {e.PackageName} {e.PackageVersion} is not signed, and this pipeline requires signing");
        }

        var evidence = new Dictionary<string, string> { ["digest"] = e.PackageDigest, ["keyId"] = record.KeyId, ["trustedKeys"] = e.TrustedKeyCount.ToString(CultureInfo.InvariantCulture) };
        if (e.Verification is not { } verification)
        {
            return RuleResult.Fail("the package was not verified", evidence);
        }

        foreach (var check in verification.Checks)
        {
            evidence["check:" + check.Name] = (check.Passed ? "pass: " : "FAIL: ") + check.Detail;
        }

        return RuleResult.Of(verification.Passed,
            verification.Passed
                ? $"signed by trusted key {Short(record.KeyId)}; {string.Join(", ", verification.Checks.Select(c => c.Name))} verified"
                : "verification failed: " + string.Join("; ", verification.Failures.Select(c => $"{c.Name}: {c.Detail}")), evidence);
    }

    public static RuleResult ModelCardComplete(GovernanceEvidence e, IReadOnlyList<string> fields)
    {
        if (e.ModelCard is not { } card)
        {
            return RuleResult.Fail("the package has no model card (model-card.md)" + Problems(e));
        }

        var missing = fields.Where(f => card.Get(f) is null).ToList();
        return RuleResult.Of(missing.Count == 0,
            missing.Count == 0 ? $"the model card has {string.Join(", ", fields)}" : $"the model card lacks {string.Join(", ", missing)}",
            fields.ToDictionary(f => f, f => card.Get(f) is { } v ? (v.Length > 80 ? v[..80] + "…" : v) : "(missing)"));
    }

    public static RuleResult LicensesAllowed(GovernanceEvidence e, IReadOnlyList<string> allowed)
    {
        if (e.Bom is not { } bom)
        {
            return RuleResult.Fail("the package has no ML-BOM (bom.cdx.json) to read licenses from" + Problems(e));
        }

        // metadata.component is the package itself; the model, its base model and the datasets are components.
        var components = new List<JsonElement>();
        if (bom.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            components.AddRange(list.EnumerateArray().Where(c => Text(c, "type") is "machine-learning-model" or "data"));
        }

        var evidence = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var component in components)
        {
            var name = $"{Text(component, "type")} {Text(component, "name")}";
            var licenses = Licenses(component);
            evidence[name] = licenses.Count == 0 ? "(none)" : string.Join(" OR ", licenses);
            if (licenses.Count == 0)
            {
                problems.Add($"{name} declares no license");
            }
            else if (licenses.Where(l => !allowed.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList() is { Count: > 0 } others)
            {
                problems.Add($"{name} is licensed {string.Join(", ", others)}, not in the allowlist ({string.Join(", ", allowed)})");
            }
        }

        if (components.Count == 0)
        {
            return RuleResult.Fail("the ML-BOM lists no model or dataset");
        }

        return RuleResult.Of(problems.Count == 0, problems.Count == 0 ? $"{components.Count} component(s) licensed within the allowlist" : string.Join("; ", problems), evidence);
    }

    public static RuleResult MaxSliceGap(GovernanceEvidence e, double bound, string? metric)
    {
        if (e.Verdict is not { } verdict)
        {
            return RuleResult.Fail("there is no gate verdict to read slices from" + Problems(e));
        }

        var sliced = verdict.Metrics.Where(m => m.Slice is not null && (metric is null || m.Metric == metric) && double.IsFinite(m.Candidate.Estimate))
            .GroupBy(m => m.Metric).ToList();
        if (sliced.Count == 0)
        {
            return RuleResult.Fail(metric is null ? "the gate measured no metric by slice: add .BySlice(...) to its metrics" : $"the gate did not measure {metric} by slice");
        }

        var evidence = new Dictionary<string, string>();
        var over = new List<string>();
        foreach (var group in sliced)
        {
            var best = group.MaxBy(m => m.Candidate.Estimate)!;
            var worst = group.MinBy(m => m.Candidate.Estimate)!;
            var gap = best.Candidate.Estimate - worst.Candidate.Estimate;
            var text = string.Create(CultureInfo.InvariantCulture, $"{gap:0.####} ({best.Slice} {best.Candidate.Estimate:0.####} vs {worst.Slice} {worst.Candidate.Estimate:0.####})");
            evidence[group.Key] = text;
            if (gap > bound)
            {
                over.Add($"{group.Key} gap {text}");
            }
        }

        return RuleResult.Of(over.Count == 0,
            over.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"every slice gap is within {bound:0.####}: {string.Join("; ", evidence.Select(x => $"{x.Key} {x.Value}"))}")
                : string.Create(CultureInfo.InvariantCulture, $"slice gap above {bound:0.####}: {string.Join("; ", over)}"), evidence);
    }

    public static RuleResult ProvenanceComplete(GovernanceEvidence e)
    {
        if (e.Provenance is not { } statement)
        {
            return RuleResult.Fail("the package has no readable provenance statement (provenance.dsse.json)" + Problems(e));
        }

        var missing = new List<string>();
        var evidence = new Dictionary<string, string>();
        var predicate = Path(statement, "predicate");
        var builder = Text(Path(predicate, "runDetails", "builder"), "id");
        var invocation = Text(Path(predicate, "runDetails", "metadata"), "invocationId");
        var dependencies = Path(predicate, "buildDefinition", "resolvedDependencies") is { ValueKind: JsonValueKind.Array } d ? d.EnumerateArray().ToList() : [];
        var commit = dependencies.Select(x => Text(Path(x, "digest"), "gitCommit")).FirstOrDefault(c => c.Length > 0) ?? "";
        Require(builder, "builder", "the builder (runDetails.builder.id)");
        Require(invocation, "run", "the run (runDetails.metadata.invocationId)");
        Require(commit, "commit", "the source commit (a resolved dependency with a gitCommit digest)");
        var undigested = dependencies.Where(x => Path(x, "digest").ValueKind != JsonValueKind.Object || !Path(x, "digest").EnumerateObject().Any()).Select(x => Text(x, "name")).ToList();
        if (dependencies.Count == 0)
        {
            missing.Add("resolved dependencies");
        }
        else if (undigested.Count > 0)
        {
            missing.Add("a digest for " + string.Join(", ", undigested));
        }

        evidence["dependencies"] = string.Join(", ", dependencies.Select(x => Text(x, "name")));
        return RuleResult.Of(missing.Count == 0,
            missing.Count == 0 ? $"built by {builder}, run {invocation}, commit {Short(commit)}, {dependencies.Count} dependencies with digests" : "the provenance lacks " + string.Join(", ", missing), evidence);

        void Require(string value, string key, string what)
        {
            evidence[key] = value;
            if (value.Length == 0)
            {
                missing.Add(what);
            }
        }
    }

    public static RuleResult DeployedBytesVerified(GovernanceEvidence e)
    {
        if (e.Deployment is not { } deployment)
        {
            return RuleResult.Fail("there is no readable deployment record" + Problems(e));
        }

        var evidence = new Dictionary<string, string> { ["record"] = deployment.Record, ["target"] = deployment.Target, ["packageDigest"] = e.PackageDigest, ["deployedDigest"] = deployment.DeployedDigest ?? "" };
        if (deployment.NotDeployed is { } why)
        {
            return RuleResult.Pass($"nothing was deployed, so there are no deployed bytes to check: {why}", evidence);
        }

        if (deployment.Mismatches.Count > 0)
        {
            return RuleResult.Fail($"the deployed bytes are not the verified package {e.PackageName} {e.PackageVersion}: {string.Join(", ", deployment.Mismatches)}", evidence);
        }

        if (deployment.DeployedDigest is { } digest && digest != e.PackageDigest)
        {
            return RuleResult.Fail($"the deployment record states digest {digest}, not the verified package's {e.PackageDigest}", evidence);
        }

        return RuleResult.Pass(deployment.Target.Length > 0
            ? $"{deployment.FilesChecked} deployed file(s) in {deployment.Target} match package {e.PackageDigest}"
            : $"the deployment record states the verified digest {e.PackageDigest}", evidence);
    }

    public static RuleResult Approved(GovernanceEvidence e) => e.Approval is { } a
        ? RuleResult.Pass($"{a.Approver} ({a.Source}) approved deploying to {a.Environment} at {a.When.UtcDateTime:u}: {a.Reason}",
            new Dictionary<string, string> { ["environment"] = a.Environment, ["approver"] = a.Approver, ["source"] = a.Source, ["link"] = a.Link ?? "" })
        : RuleResult.Fail("no approval was recorded");

    private static List<string> Licenses(JsonElement component)
    {
        if (!component.TryGetProperty("licenses", out var licenses) || licenses.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return licenses.EnumerateArray()
            .Select(l => l.TryGetProperty("expression", out var x) ? x.GetString() : Text(Path(l, "license"), "id") is { Length: > 0 } id ? id : Text(Path(l, "license"), "name"))
            .OfType<string>().Where(l => l.Length > 0).ToList();
    }

    private static JsonElement Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return default;
            }
        }

        return element;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static string Short(string hex) => hex.Length > 12 ? hex[..12] : hex;

    private static string Problems(GovernanceEvidence e)
    {
        var all = e.ReadProblems.Prepend(e.PackageProblem).OfType<string>().ToList();
        return all.Count == 0 ? "" : " (" + string.Join("; ", all) + ")";
    }
}
