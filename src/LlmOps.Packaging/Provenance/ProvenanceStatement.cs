using System.Globalization;

namespace LlmOps.Packaging;

/// <summary>
/// The in-toto v1 Statement with a SLSA provenance v1 predicate about the archive: subject = the archive's digest,
/// build definition = what the stage was asked to do (its non-secret parameters) and what it resolved (datasets,
/// base model, image, model and source digests), run details = builder, invocation and times.
/// </summary>
internal static class ProvenanceStatement
{
    /// <summary>The build type; what its <c>externalParameters</c> and <c>resolvedDependencies</c> hold is documented in docs/packaging.md.</summary>
    public const string BuildType = "urn:llmops:buildtype:package:v1";

    public static byte[] Write(
        PackageInput input, PackageRecord record, string modelDigest, IReadOnlyDictionary<string, string> datasetDigests,
        BuildRun run, IReadOnlyList<KeyValuePair<string, string>> externalParameters, DateTimeOffset startedOn, DateTimeOffset finishedOn)
    {
        var dependencies = new List<object>
        {
            Resource("model:" + input.Name, null, modelDigest),
        };
        dependencies.AddRange(input.Datasets.Select(d => Resource("dataset:" + d.Name, null, datasetDigests[d.Name])));
        if (input.BaseModel is { } b)
        {
            dependencies.Add(new Dictionary<string, object?>
            {
                ["name"] = "base-model:" + b.Name,
                ["uri"] = $"https://huggingface.co/{b.Name}/tree/{b.Revision}",
                ["digest"] = new Dictionary<string, string> { [b.Revision.Length == 40 ? "gitCommit" : "revision"] = b.Revision },
            });
        }

        if (input.TrainerImage is { } image && image.IndexOf("@sha256:", StringComparison.Ordinal) is var at and > 0)
        {
            dependencies.Add(Resource("trainer-image", "docker://" + image[..at], image[(at + 1)..]));
        }

        if (run.Commit is { Length: > 0 } commit)
        {
            dependencies.Add(new Dictionary<string, object?>
            {
                ["name"] = "source",
                ["uri"] = run.Repository is { } repository ? "git+" + repository : null,
                ["digest"] = new Dictionary<string, string> { ["gitCommit"] = commit },
            });
        }

        var statement = new Dictionary<string, object?>
        {
            ["_type"] = PackageVerifier.StatementType,
            ["subject"] = new[] { new { name = $"{record.Name}-{record.Version}.tar", digest = new Dictionary<string, string> { ["sha256"] = record.Digest[7..] } } },
            ["predicateType"] = PackageVerifier.ProvenanceType,
            ["predicate"] = new Dictionary<string, object?>
            {
                ["buildDefinition"] = new Dictionary<string, object?>
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = new Dictionary<string, object?>
                    {
                        ["stage"] = input.Stage,
                        ["package"] = input.Name,
                        ["parameters"] = externalParameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                    },
                    ["internalParameters"] = new Dictionary<string, object?>
                    {
                        ["blessedBy"] = input.Blessing.Stage,
                        ["overrides"] = input.Blessing.Overrides.Count,
                        ["tool"] = "LlmOps " + MlBomWriter.ToolVersion,
                        ["developmentKey"] = record.DevelopmentKey,
                    },
                    ["resolvedDependencies"] = dependencies,
                },
                ["runDetails"] = new Dictionary<string, object?>
                {
                    ["builder"] = new { id = run.BuilderId },
                    ["metadata"] = new
                    {
                        invocationId = run.InvocationId,
                        startedOn = Time(startedOn),
                        finishedOn = Time(finishedOn),
                    },
                },
            },
        };
        return PackageJson.Bytes(statement);
    }

    private static Dictionary<string, object?> Resource(string name, string? uri, string digest)
    {
        var (algorithm, value) = digest.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (digest[..colon], digest[(colon + 1)..]) : ("sha256", digest);
        return new() { ["name"] = name, ["uri"] = uri, ["digest"] = new Dictionary<string, string> { [algorithm] = value } };
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
