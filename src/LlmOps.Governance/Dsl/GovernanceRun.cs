using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Governance.Audit;
using LlmOps.Packaging;

namespace LlmOps.Governance;

/// <summary>One run of a governed stage: approve, read the evidence, judge, audit, record and sign, pass or fail.</summary>
internal static class GovernanceRun
{
    private static IReadOnlyList<string> TrustedKeys(StageContext ctx, GovernanceFeature governed)
    {
        var keys = governed.TrustedKeys(ctx.RootDirectory);
        var development = Path.Combine(ctx.RootDirectory, Packaging.TrustedKeys.PrivateFolder, Packaging.TrustedKeys.DevelopmentKeyFile);
        if (!governed.TrustsDevelopmentKeyOutsideCi || governed.InCi(ctx) || !File.Exists(development))
        {
            return keys;
        }

        ctx.Log($"warning: outside CI this policy also trusts the local development key ({Packaging.TrustedKeys.PrivateFolder}/{Packaging.TrustedKeys.DevelopmentKeyFile}); CI trusts only the keys committed under {Packaging.TrustedKeys.PublicFolder}");
        return [.. keys, SigningKey.FromPem(File.ReadAllText(development), development).PublicKeyPem];
    }

    public static async Task RunAsync(StageContext ctx, GovernanceFeature governed)
    {
        var approval = governed.Approval?.Resolve(governed.Variables(ctx), ctx.StageName);
        var sources = new EvidenceSources(
            governed.Package.Name,
            ctx.InputDirectory(governed.Package),
            governed.Policy.VerdictReport is { } verdict ? ctx.InputDirectory(verdict) : null,
            governed.Policy.ValidationReports.Select(r => new KeyValuePair<string, string>(r.Name, ctx.InputDirectory(r))).ToList(),
            governed.DeploymentRecord is { } deployment ? ctx.InputDirectory(deployment) : null,
            TrustedKeys(ctx, governed),
            ctx.WorkDirectory,
            ctx.RootDirectory,
            approval);
        var evidence = EvidenceLoader.Load(sources);
        var outcomes = Judge(governed, evidence);
        foreach (var outcome in outcomes)
        {
            ctx.Log($"{outcome.Rule}: {(outcome.Result.Passed ? "pass" : "FAIL")} - {outcome.Result.Detail}");
        }

        var passed = outcomes.All(o => o.Result.Passed);
        var subject = $"{evidence.PackageName} {evidence.PackageVersion}";
        var head = Audit(ctx, governed, evidence, outcomes, passed, subject);
        var record = new GovernanceRecord(
            ctx.StageName, governed.Phase, ctx.RunId, AuditOrigin.Commit(ctx.RootDirectory, governed.Variables(ctx)), AuditOrigin.Actor(governed.Variables(ctx)),
            DateTimeOffset.UtcNow, new GovernedPackage(evidence.PackageName, evidence.PackageVersion, evidence.PackageDigest), passed, outcomes, approval, head);

        // A failed stage's outputs are not stored, so a failed decision's reports go to the state folder, named in the log.
        var folder = governed.Record is { } artifact && passed
            ? ctx.OutputDirectory(artifact)
            : StateLayout.Of(ctx.RootDirectory).Part("governance", ctx.StageName);
        Directory.CreateDirectory(folder);
        Write(ctx, governed, record, folder);
        await TagRegistryAsync(ctx, governed, record);
        if (!passed)
        {
            Annotate(ctx, governed, outcomes);
            throw new StageFailedException($"governance policy failed for {subject}: " +
                string.Join("; ", outcomes.Where(o => !o.Result.Passed).Select(o => $"rule '{o.Rule}': {o.Result.Detail}")));
        }
    }

    // Each failed rule points at the pipeline line that declared it, as a failed gate rule does, so the PR shows the
    // policy line beside the failure.
    private static void Annotate(StageContext ctx, GovernanceFeature governed, IEnumerable<RuleOutcomeRecord> outcomes)
    {
        foreach (var failed in outcomes.Where(o => !o.Result.Passed))
        {
            if (governed.Policy.Rules.FirstOrDefault(r => r.Name == failed.Rule) is { DeclaredIn: { } file } rule)
            {
                ctx.Annotate(new Annotation(file, rule.DeclaredAt, $"policy rule {failed.Rule} failed: {failed.Result.Detail}"));
            }
        }
    }

    internal static List<RuleOutcomeRecord> Judge(GovernanceFeature governed, GovernanceEvidence evidence)
    {
        var rules = governed.Policy.Rules.ToList();
        if (governed.Approval is not null)
        {
            rules.Add(new PolicyRule("approved", EvidenceRules.Approved));
        }

        if (governed.DeploymentRecord is not null)
        {
            rules.Add(new PolicyRule("deployed-bytes-verified", EvidenceRules.DeployedBytesVerified));
        }

        return rules.Select(rule =>
        {
            try
            {
                return new RuleOutcomeRecord(rule.Name, rule.Check(evidence));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A custom rule that throws (evidence it expected is absent) fails, named, rather than crashing the stage.
                return new RuleOutcomeRecord(rule.Name, RuleResult.Fail($"the rule threw {e.GetType().Name}: {e.Message}"));
            }
        }).ToList();
    }

    private static AuditHead? Audit(StageContext ctx, GovernanceFeature governed, GovernanceEvidence evidence, List<RuleOutcomeRecord> outcomes, bool passed, string subject)
    {
        var trail = AuditTrail.Open(ctx.RootDirectory, governed.Variables(ctx));
        trail.Report = ctx.Log;
        try
        {
            if (governed.DeploymentRecord is null && evidence.Verdict is { } verdict)
            {
                GateDecisions.Append(trail, verdict, evidence, ctx.RunId);
            }

            var details = outcomes.ToDictionary(o => o.Rule, o => (o.Result.Passed ? "pass: " : "fail: ") + o.Result.Detail);
            details["phase"] = governed.Phase;
            details["stage"] = ctx.StageName;
            details["digest"] = evidence.PackageDigest;
            details["passed"] = passed ? "true" : "false";
            var last = trail.Append(new AuditDecision(AuditKinds.Policy, subject, details) { RunId = ctx.RunId });
            if (evidence.Approval is { } a)
            {
                last = trail.Append(new AuditDecision(AuditKinds.Approval, $"{subject} to {a.Environment}", new Dictionary<string, string>
                {
                    ["environment"] = a.Environment,
                    ["source"] = a.Source,
                    ["reason"] = a.Reason,
                    ["link"] = a.Link ?? "",
                    ["digest"] = evidence.PackageDigest,
                })
                { Actor = a.Approver, RunId = ctx.RunId, Time = a.When });
            }

            ctx.Log($"audit trail: appended up to seq {last.Seq} in {Path.GetRelativePath(ctx.RootDirectory, trail.FilePath)}");
            return new AuditHead(last.Seq, last.Hash);
        }
        catch (AuditTrailException e)
        {
            // A decision that cannot be audited does not let a deployment through.
            throw new StageFailedException("governance could not append to the audit trail: " + e.Message);
        }
    }

    private static void Write(StageContext ctx, GovernanceFeature governed, GovernanceRecord record, string folder)
    {
        var json = record.ToJson();
        AtomicFile.WriteAllBytes(Path.Combine(folder, GovernanceRecord.FileName), json);
        var markdown = GovernanceMarkdown.Render(record);
        AtomicFile.WriteAllText(Path.Combine(folder, GovernanceMarkdown.FileName), markdown);
        AtomicFile.WriteAllText(Path.Combine(folder, GovernanceHtml.FileName), GovernanceHtml.Render(record));
        ctx.Summary(markdown);
        using var key = RecordSigner.Key(ctx.RootDirectory, governed.SigningKeyPem);
        if (key is null)
        {
            ctx.Log($"the governance record is unsigned: give .SignsWith(...) a private key (./build.sh GenerateSigningKey) to sign it");
        }
        else
        {
            var envelope = Dsse.Sign(GovernanceRecord.PayloadType, json, key);
            AtomicFile.WriteAllText(Path.Combine(folder, GovernanceRecord.SignedFileName), JsonSerializer.Serialize(envelope, RecordSigner.EnvelopeOptions));
            ctx.Log($"governance record signed with key {key.KeyId[..12]}");
        }

        ctx.Log($"governance record written to {folder}");
    }

    // The registered model's version tag is where a team finds the trail's head long after the CI artifact expired.
    // The tracker registers a package under its artifact's name (the package's own name may differ), so that is the model.
    private static async Task TagRegistryAsync(StageContext ctx, GovernanceFeature governed, GovernanceRecord record)
    {
        if (record.Audit is not { } head || ctx.GetService(typeof(Tracking.Registry.IModelRegistry)) is not Tracking.Registry.IModelRegistry registry)
        {
            return;
        }

        var model = governed.Package.Name;
        try
        {
            if (await registry.FindRunVersionAsync(model, ctx.CancellationToken) is not { } version)
            {
                ctx.Log($"warning: {registry.Location} has no version of {model} from this run, so the audit head (seq {head.Seq}) was not tagged on the registered model");
                return;
            }

            await registry.SetVersionTagAsync(model, version, AuditTrail.RegistryTag, $"{head.Seq}:{head.Hash}", ctx.CancellationToken);
            await registry.SetVersionTagAsync(model, version, $"llmops.governance.{record.Phase}", record.Passed ? "passed" : "failed", ctx.CancellationToken);
            ctx.Log($"tagged {model} version {version} in the model registry with the audit head (seq {head.Seq})");
        }
        catch (StageFailedException e)
        {
            ctx.Log("warning: the model registry was not tagged with the audit head: " + e.Message);
        }
    }
}
