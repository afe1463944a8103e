using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.DataValidation;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.Packaging;

namespace LlmOps.Governance.Tests.Pipelines;

/// <summary>
/// The whole release path on a lookup "model": validate the data, gate, package and sign, govern before deployment,
/// deploy (copy the package to a folder), and govern again after it. <c>--tamper</c> alters the package between
/// packaging and governance the way an attacker or a broken tool would.
/// </summary>
public sealed class GovernedPipeline : Pipeline, IGateOverrides, IApprovals
{
    /// <summary>This file's path, as the compiler saw it (policy annotations point into it).</summary>
    public static string SourceFile => Here();

    private static string Here([CallerFilePath] string path = "") => path;

    [Parameter("Share of eval examples the candidate answers right")]
    readonly double Quality = 0.95;

    [Parameter("How to alter the package before governance: none, unsigned, byte, signature")]
    readonly string Tamper = "none";

    [Parameter("The largest gap between slices the policy allows")]
    readonly double MaxGap = 0.2;

    [Parameter("PEM private key that signs the governance record"), Secret]
    readonly string GovernanceKey = "";

    [Parameter("Licenses the policy allows, comma-separated")]
    readonly string AllowedLicenses = "apache-2.0,cc-by-4.0";

    Artifact<DatasetArtifact> EvalSet => new("eval-set");
    Artifact<ReportArtifact> Validation => new("validation");
    Artifact<ModelArtifact> Model => new("model");
    Artifact<EvalReportArtifact> Verdict => new("verdict");
    Artifact<Blessed<ModelArtifact>> Approved => new("approved-model");
    Artifact<PackageArtifact> Built => new("built-package");
    Artifact<PackageArtifact> Shipped => new("package");
    Artifact<ReportArtifact> Governance => new("governance");
    Artifact<ReportArtifact> Deployment => new("deployment");
    Artifact<ReportArtifact> DeployedGovernance => new("deployed-governance");

    public static string KeyFile => "keys/signing.pem";

    public string DeployFolder => Path.Combine(RootDirectory, "deployed");

    Stage Make => _ => _
        .Produces(EvalSet, Model)
        .Executes(ctx =>
        {
            var labels = new[] { "billing", "refund", "shipping", "account" };
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), Enumerable.Range(0, 400).Select(i => $"{{\"id\":\"e{i}\",\"text\":\"message {i}\",\"label\":\"{labels[i % 4]}\"}}"));
            var table = Enumerable.Range(0, 400).ToDictionary(i => $"message {i}", i => i < Math.Round(Quality * 400) ? labels[i % 4] : labels[(i + 1) % 4]);
            File.WriteAllText(ctx.Output(Model).File(LookupModel.FileName), JsonSerializer.Serialize(table));
        });

    Stage Validate => _ => _
        .Validates(EvalSet)
        .Format(DatasetFormat.Custom<Example>())
        .Rules(r => r.NoPii(PiiKind.All, Severity.Error))
        .Reports(Validation);

    Stage Evaluate => _ => _
        .DependsOn(Validate)
        .Evaluates(Model, on: EvalSet)
        .Examples(input: "text", expected: "label")
        .PredictsWith(LookupModel.Predict)
        .Metrics(m => m.Accuracy().BySlice(x => x.Expected!))
        .Gate(g => g.AtLeast(Metric.Accuracy, 0.85, confidence: 0.95).Resamples(200).Override(From<IGateOverrides>()))
        .Produces(Verdict)
        .Blesses(Approved);

    Stage Pack => _ => _
        .Packages(Approved)
        .Named("lookup-model")
        .ModelCard(c => c.IntendedUse("Route test messages.").Limitations("Test data only.").License("apache-2.0").Task("text-classification"))
        .Datasets(EvalSet, license: "cc-by-4.0", validation: Validation)
        .Evidence(Verdict)
        .SignedWithKeyFile(KeyFile)
        .Produces(Built);

    Stage Ship => _ => _
        .Consumes(Built)
        .Produces(Shipped)
        .Executes(ctx => Tampering.Copy(ctx.Input(Built).Directory, ctx.Output(Shipped).Directory, Tamper));

    Stage Govern => _ => _
        .Governs(Shipped)
        .Policy(p => p.DataValidated(Validation).NoPiiErrors().GatePassed(Verdict).PackageSigned()
                      .ModelCardComplete("license", "intended_use", "limitations")
                      .LicensesAllowed(AllowedLicenses.Split(','))
                      .MaxSliceGap(MaxGap)
                      .ProvenanceComplete()
                      .Rule("enough-examples", e => RuleResult.Of(e.Verdict?.Examples >= 100, $"{e.Verdict?.Examples} examples in the eval set (at least 100)")))
        .RequiresApproval("production", From<IApprovals>())
        .TrustedKeys(Path.Combine(RootDirectory, TrustedKeys.PublicFolder))
        .SignsWith(GovernanceKey)
        .ReadsEnvironment(_ => null)
        .Records(Governance);

    Stage Deploy => _ => _
        .Consumes(Shipped, Governance)
        .Produces(Deployment)
        .Executes(ctx =>
        {
            var package = PackageContents.Open(ctx.Input(Shipped).Directory);
            var target = Path.Combine(DeployFolder, package.Version);
            System.IO.Directory.CreateDirectory(target);
            File.Copy(package.ArchivePath, Path.Combine(target, PackageLayout.Archive), overwrite: true);
            File.WriteAllText(ctx.Output(Deployment).File("deployment.json"), new JsonObject { ["target"] = Path.GetRelativePath(RootDirectory, target) }.ToJsonString());
        });

    Stage GovernDeployed => _ => _
        .Governs(Shipped)
        .AfterDeployment(Deployment)
        .TrustedKeys(Path.Combine(RootDirectory, TrustedKeys.PublicFolder))
        .Policy(p => p.PackageSigned())
        .ReadsEnvironment(_ => null)
        .Records(DeployedGovernance);

    public sealed record Example(string Id, string Text, string Label);
}

/// <summary>The lookup model: a JSON table from input to label.</summary>
public static class LookupModel
{
    public const string FileName = "lookup.json";

    public static IReadOnlyList<Prediction> Predict(ModelArtifact model, IReadOnlyList<EvalExample> examples)
    {
        var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(model.File(FileName)))!;
        return [.. examples.Select(e => new Prediction(table.GetValueOrDefault(e.Input, "unknown")))];
    }
}

/// <summary>What an attacker or a broken tool does to a package on its way to governance.</summary>
public static class Tampering
{
    public static void Copy(string from, string to, string how)
    {
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        switch (how)
        {
            case "unsigned":
                var record = JsonNode.Parse(File.ReadAllText(Path.Combine(to, PackageLayout.Record)))!;
                record["signed"] = false;
                File.WriteAllText(Path.Combine(to, PackageLayout.Record), record.ToJsonString());
                var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(to, PackageLayout.Provenance)))!;
                envelope["signatures"] = new JsonArray();
                File.WriteAllText(Path.Combine(to, PackageLayout.Provenance), envelope.ToJsonString());
                break;
            case "byte":
                var archive = Path.Combine(to, PackageLayout.Archive);
                var bytes = File.ReadAllBytes(archive);
                var at = bytes.AsSpan().IndexOf("lookup"u8.ToArray()) + 2048; // inside the first file's data
                bytes[at] ^= 0x20;
                File.WriteAllBytes(archive, bytes);
                break;
            case "signature":
                var dsse = JsonNode.Parse(File.ReadAllText(Path.Combine(to, PackageLayout.Provenance)))!;
                var sig = Convert.FromBase64String((string)dsse["signatures"]![0]!["sig"]!);
                sig[^1] ^= 0x01;
                dsse["signatures"]![0]!["sig"] = Convert.ToBase64String(sig);
                File.WriteAllText(Path.Combine(to, PackageLayout.Provenance), dsse.ToJsonString());
                break;
        }
    }
}
