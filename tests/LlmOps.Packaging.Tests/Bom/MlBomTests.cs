using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Packaging.Tests.Bom;

public sealed class MlBomTests
{
    [Fact]
    public void The_bom_is_valid_cyclonedx_16_with_the_model_its_card_datasets_base_model_image_and_formulation()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var json = System.Text.Encoding.UTF8.GetString(PackageContents.Open(packages.Build(key)).Read(PackageLayout.Bom)!);

        Assert.Empty(BomSchema.Problems(json));
        using var bom = JsonDocument.Parse(json);
        var components = bom.RootElement.GetProperty("components").EnumerateArray().ToList();
        var model = components.Single(c => c.GetProperty("type").GetString() == "machine-learning-model" && c.GetProperty("name").GetString() == "support-intent");
        Assert.Equal("Apache-2.0", model.GetProperty("licenses")[0].GetProperty("license").GetProperty("id").GetString());
        var metrics = model.GetProperty("modelCard").GetProperty("quantitativeAnalysis").GetProperty("performanceMetrics");
        Assert.Contains(metrics.EnumerateArray(), m => m.TryGetProperty("slice", out var s) && s.GetString() == "billing" && m.GetProperty("confidenceInterval").GetProperty("lowerBound").GetString() == "0.88");
        var data = components.Single(c => c.GetProperty("type").GetString() == "data");
        Assert.Equal(64, data.GetProperty("hashes")[0].GetProperty("content").GetString()!.Length);
        Assert.Contains(components, c => c.GetProperty("type").GetString() == "machine-learning-model" && c.GetProperty("name").GetString() == "Qwen/Qwen2.5-0.5B-Instruct");
        Assert.Contains(components, c => c.GetProperty("type").GetString() == "container");
        Assert.Contains(components, c => c.GetProperty("type").GetString() == "framework" && c.GetProperty("name").GetString() == "Microsoft.ML");
        Assert.Equal(3, bom.RootElement.GetProperty("formulation")[0].GetProperty("workflows")[0].GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public void A_bom_that_breaks_the_schema_is_reported_with_where()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var bom = JsonNode.Parse(PackageContents.Open(packages.Build(key)).Read(PackageLayout.Bom)!)!;
        bom["components"]![0]!["type"] = "neural-network";

        var problems = BomSchema.Problems(bom.ToJsonString());
        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Contains("/components/0", StringComparison.Ordinal));
    }
}
