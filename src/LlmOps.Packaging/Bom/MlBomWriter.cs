using System.Security.Cryptography;
using System.Text;
using LlmOps.Evaluation;

namespace LlmOps.Packaging;

/// <summary>
/// Writes the CycloneDX 1.6 ML-BOM: the model as a <c>machine-learning-model</c> component with its
/// <c>modelCard</c>, the datasets as <c>data</c> components with their hashes, the base model, the trainer image,
/// frameworks and packages, and a <c>formulation</c> saying how the model was made. No time stamp and a serial
/// number derived from the content, so the same inputs give the same bytes.
/// </summary>
internal static class MlBomWriter
{
    public static byte[] Write(PackageInput input, string version, string modelDigest, Verdict verdict, IReadOnlyDictionary<string, string> datasetDigests)
    {
        var modelRef = $"model:{input.Name}@{version}";
        var components = new List<object> { Model(input, version, modelDigest, modelRef, verdict) };
        var dependsOn = new List<string>();
        foreach (var dataset in input.Datasets)
        {
            var reference = "dataset:" + dataset.Name;
            dependsOn.Add(reference);
            components.Add(new Dictionary<string, object?>
            {
                ["type"] = "data",
                ["bom-ref"] = reference,
                ["name"] = dataset.Name,
                ["hashes"] = new[] { Hash(datasetDigests[dataset.Name]) },
                ["licenses"] = dataset.License is { } l ? new[] { SpdxLicenses.Choice(l) } : null,
                ["data"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["type"] = "dataset",
                        ["name"] = dataset.Name,
                        ["contents"] = new { properties = new[] { new { name = "llmops:digest", value = datasetDigests[dataset.Name] } } },

                    },
                },
            });
        }

        if (input.BaseModel is { } baseModel)
        {
            var reference = "base-model:" + baseModel.Name;
            dependsOn.Add(reference);
            components.Add(new Dictionary<string, object?>
            {
                ["type"] = "machine-learning-model",
                ["bom-ref"] = reference,
                ["name"] = baseModel.Name,
                ["version"] = baseModel.Revision,
                ["licenses"] = baseModel.License is { } l ? new[] { SpdxLicenses.Choice(l) } : null,
                ["externalReferences"] = new[] { new { type = "distribution", url = $"https://huggingface.co/{baseModel.Name}/tree/{baseModel.Revision}" } },
            });
        }

        if (input.TrainerImage is { } image)
        {
            var reference = "trainer-image:" + image;
            dependsOn.Add(reference);
            var at = image.IndexOf("@sha256:", StringComparison.Ordinal);
            components.Add(new Dictionary<string, object?>
            {
                ["type"] = "container",
                ["bom-ref"] = reference,
                ["name"] = at > 0 ? image[..at] : image,
                ["version"] = at > 0 ? image[(at + 1)..] : null,
                ["hashes"] = at > 0 ? new[] { Hash(image[(at + 1)..]) } : null,
            });
        }

        foreach (var (name, frameworkVersion) in input.Frameworks)
        {
            var reference = $"framework:{name}@{frameworkVersion}";
            dependsOn.Add(reference);
            components.Add(new Dictionary<string, object?> { ["type"] = "framework", ["bom-ref"] = reference, ["name"] = name, ["version"] = frameworkVersion });
        }

        var bom = new Dictionary<string, object?>
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = "urn:uuid:" + ContentUuid(input.Name, version, modelDigest),
            ["version"] = 1,
            ["metadata"] = new Dictionary<string, object?>
            {
                ["tools"] = new { components = new[] { new { type = "application", name = "LlmOps", version = ToolVersion } } },
                ["component"] = new Dictionary<string, object?> { ["type"] = "machine-learning-model", ["bom-ref"] = "package:" + input.Name, ["name"] = input.Name, ["version"] = version },
            },
            ["components"] = components,
            ["dependencies"] = new object[] { new { @ref = modelRef, dependsOn } }
                .Concat(dependsOn.Select(d => new { @ref = d, dependsOn = new List<string>() }))
                .ToList(),
            ["formulation"] = new[] { Formulation(input, modelRef, dependsOn) },
        };
        return PackageJson.Bytes(bom);
    }

    /// <summary>The version of LlmOps that wrote the BOM (the assembly's informational version, without a build hash).</summary>
    internal static string ToolVersion => (typeof(MlBomWriter).Assembly.GetName().Version ?? new Version(0, 0)).ToString(3);

    private static Dictionary<string, object?> Model(PackageInput input, string version, string modelDigest, string reference, Verdict verdict)
    {
        var card = input.Card;
        var metrics = verdict.Metrics.Where(m => double.IsFinite(m.Candidate.Estimate)).Select(m => new Dictionary<string, object?>
        {
            ["type"] = m.Metric,
            ["value"] = ModelCardWriter.Number(m.Candidate.Estimate),
            ["slice"] = m.Slice,
            ["confidenceInterval"] = double.IsFinite(m.Candidate.Low)
                ? new { lowerBound = ModelCardWriter.Number(m.Candidate.Low), upperBound = ModelCardWriter.Number(m.Candidate.High) }
                : null,
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["type"] = "machine-learning-model",
            ["bom-ref"] = reference,
            ["name"] = input.Name,
            ["version"] = version,
            ["hashes"] = new[] { Hash(modelDigest) },
            ["licenses"] = card.LicenseId is { } l ? new[] { SpdxLicenses.Choice(l) } : null,
            ["pedigree"] = input.BaseModel is { } b ? new { ancestors = new[] { new { type = "machine-learning-model", name = b.Name, version = b.Revision } } } : null,
            ["modelCard"] = new Dictionary<string, object?>
            {
                ["modelParameters"] = new Dictionary<string, object?>
                {
                    ["task"] = card.TaskName,
                    ["datasets"] = input.Datasets.Count > 0 ? input.Datasets.Select(d => new { @ref = "dataset:" + d.Name }).ToList() : null,
                },
                ["quantitativeAnalysis"] = metrics.Count > 0 ? new { performanceMetrics = metrics } : null,
                ["considerations"] = new Dictionary<string, object?>
                {
                    ["useCases"] = card.IntendedUseText is { } use ? new[] { use } : null,
                    ["technicalLimitations"] = card.LimitationList.Count > 0 ? card.LimitationList : null,
                },
                ["properties"] = input.TrainingParameters.Select(p => new { name = "training:" + p.Key, value = p.Value })
                    .Append(new { name = "llmops:blessed-by", value = input.Blessing.Stage })
                    .ToList(),
            },
        };
    }

    private static object Formulation(PackageInput input, string modelRef, IReadOnlyList<string> inputs)
    {
        var tasks = new List<object>
        {
            Task("train", "Train the model" + (input.TrainerImage is { } image ? $" in {image}" : ""), "build", inputs, [modelRef]),
            Task("gate:" + input.Blessing.Stage, $"Evaluation gate {input.Blessing.Stage} blessed the model ({input.Blessing.Overrides.Count} override(s))", "test", [modelRef], [modelRef]),
            Task("package:" + input.Stage, $"Packaging stage {input.Stage} wrote the card, this BOM and the signed provenance", "build", [modelRef], ["package:" + input.Name]),
        };
        return new Dictionary<string, object?>
        {
            ["bom-ref"] = "formulation:" + input.Name,
            ["workflows"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["bom-ref"] = "workflow:" + input.Name,
                    ["uid"] = "workflow:" + input.Name,
                    ["name"] = $"How {input.Name} was made",
                    ["taskTypes"] = new[] { "build", "test" },
                    ["tasks"] = tasks,
                    ["properties"] = input.TrainingParameters.Select(p => new { name = p.Key, value = p.Value }).ToList(),
                },
            },
        };
    }

    private static Dictionary<string, object?> Task(string uid, string description, string type, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs) => new()
    {
        ["bom-ref"] = "task:" + uid,
        ["uid"] = uid,
        ["description"] = description,
        ["taskTypes"] = new[] { type },
        ["inputs"] = inputs.Count > 0 ? inputs.Select(i => new { resource = new { @ref = i } }).ToList() : null,
        ["outputs"] = outputs.Select(o => new { type = "artifact", resource = new { @ref = o } }).ToList(),
    };

    private static object Hash(string digest) => new { alg = "SHA-256", content = digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest[7..] : digest };

    // A name-based UUID (version 5 layout over SHA-256) of the content, stable across builds of the same inputs.
    private static string ContentUuid(string name, string version, string digest)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{version}\n{digest}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
