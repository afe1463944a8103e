using System.Text;
using System.Text.Json;
using LlmOps.Evaluation;
using LlmOps.Packaging;

namespace LlmOps.Governance;

/// <summary>
/// Reads the evidence through the package contract: <see cref="PackageContents"/> extracts the archive checking every
/// file against its manifest, <see cref="PackageVerifier"/> checks digest, signature and BOM, and the card, BOM,
/// statement, verdict and validation reports are parsed into their own types. A piece that cannot be read is a
/// sentence in <see cref="GovernanceEvidence.ReadProblems"/>, which the rules that need it fail on.
/// </summary>
internal static class EvidenceLoader
{
    public const string ValidationReportSuffix = "validation-report.json";

    public static GovernanceEvidence Load(EvidenceSources sources)
    {
        var problems = new List<string>();
        PackageContents? contents = null;
        string? packageProblem = null;
        string? extracted = null;
        try
        {
            contents = PackageContents.Open(sources.PackageDirectory);
            extracted = Path.Combine(sources.WorkDirectory, "package");
            contents.ExtractTo(extracted);
        }
        catch (PackageException e)
        {
            packageProblem = e.Message;
            extracted = null;
        }

        var verification = PackageVerifier.Verify(sources.PackageDirectory, sources.TrustedKeyPems);
        var (verdict, verdictSource, matches) = ReadVerdict(sources.VerdictDirectory, extracted, problems);
        var validations = new List<ValidationEvidence>();
        foreach (var (name, directory) in sources.ValidationDirectories)
        {
            validations.AddRange(ReadValidations(directory, name, problems));
        }

        if (extracted is not null && Directory.Exists(Path.Combine(extracted, PackageLayout.EvidenceFolder)))
        {
            validations.AddRange(ReadValidations(Path.Combine(extracted, PackageLayout.EvidenceFolder), "package " + PackageLayout.EvidenceFolder, problems));
        }

        return new GovernanceEvidence
        {
            PackageName = contents?.Name ?? sources.PackageName,
            PackageVersion = contents?.Version ?? "(unreadable)",
            PackageDigest = contents?.Digest ?? "unknown",
            Record = contents?.Record,
            Files = contents?.Files ?? [],
            PackageProblem = packageProblem,
            ExtractedDirectory = extracted,
            Verification = verification,
            TrustedKeyCount = sources.TrustedKeyPems.Count,
            ModelCard = extracted is null ? null : ReadCard(Path.Combine(extracted, PackageLayout.ModelCard), problems),
            Bom = extracted is null ? null : ReadJson(Path.Combine(extracted, PackageLayout.Bom), problems),
            Provenance = ReadStatement(Path.Combine(sources.PackageDirectory, PackageLayout.Provenance), problems),
            Verdict = verdict,
            VerdictSource = verdictSource,
            VerdictMatchesPackage = matches,
            Validations = validations,
            Approval = sources.Approval,
            Deployment = sources.DeploymentDirectory is null || contents is null ? null : DeploymentReader.Read(sources.DeploymentDirectory, sources.RootDirectory, contents, problems),
            ReadProblems = problems,
        };
    }

    private static (Verdict?, string?, bool?) ReadVerdict(string? artifact, string? extracted, List<string> problems)
    {
        var packaged = extracted is null ? null : Path.Combine(extracted, PackageLayout.EvidenceFolder, VerdictJson.FileName);
        packaged = packaged is not null && File.Exists(packaged) ? packaged : null;
        var given = artifact is null ? null : Path.Combine(artifact, VerdictJson.FileName);
        var source = given ?? packaged;
        if (source is null || !File.Exists(source))
        {
            return (null, null, null);
        }

        bool? matches = given is not null && packaged is not null ? File.ReadAllBytes(given).AsSpan().SequenceEqual(File.ReadAllBytes(packaged)) : null;
        try
        {
            return (VerdictJson.Read(File.ReadAllText(source)), given is not null ? source : $"{PackageLayout.EvidenceFolder}/{VerdictJson.FileName} in the package", matches);
        }
        catch (JsonException e)
        {
            problems.Add($"{source}: not a verdict ({e.Message})");
            return (null, source, matches);
        }
    }

    private static IEnumerable<ValidationEvidence> ReadValidations(string directory, string name, List<string> problems)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*" + ValidationReportSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var source = $"{name}/{Path.GetRelativePath(directory, file).Replace('\\', '/')}";
            ValidationEvidence? report = null;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                var root = document.RootElement;
                var rules = root.GetProperty("rules").EnumerateArray().Select(r => new ValidationRuleEvidence(
                    r.GetProperty("ruleId").GetString() ?? "",
                    r.TryGetProperty("split", out var split) ? split.GetString() ?? "" : "",
                    r.GetProperty("severity").GetString() ?? "",
                    r.GetProperty("violated").GetBoolean(),
                    r.TryGetProperty("totalFindings", out var findings) ? findings.GetInt64() : 0)).ToList();
                report = new ValidationEvidence(source, root.GetProperty("verdict").GetString() ?? "", rules);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{source}: not a validation report ({e.Message})");
            }

            if (report is not null)
            {
                yield return report;
            }
        }
    }

    private static ModelCard? ReadCard(string path, List<string> problems)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ModelCard.Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            problems.Add($"{PackageLayout.ModelCard}: {e.Message}");
            return null;
        }
    }

    private static JsonElement? ReadJson(string path, List<string> problems)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problems.Add($"{Path.GetFileName(path)}: not JSON ({e.Message})");
            return null;
        }
    }

    private static JsonElement? ReadStatement(string envelope, List<string> problems)
    {
        if (ReadJson(envelope, problems) is not { } dsse)
        {
            return null;
        }

        try
        {
            var payload = Convert.FromBase64String(dsse.GetProperty("payload").GetString() ?? "");
            using var statement = JsonDocument.Parse(payload);
            return statement.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"{PackageLayout.Provenance}: its payload is not an in-toto statement ({e.Message})");
            return null;
        }
    }

    internal static string Sha256(string file) => "sha256:" + Sha256File.Of(file);

    internal static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
