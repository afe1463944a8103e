using System.Text.Json;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

public sealed class SchemaTests
{
    [Fact]
    public void Every_start_regenerates_the_schema_with_targets_and_parameters()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/build.schema.json", "{ \"stale\": true }");

        Assert.Equal(0, repo.Run([typeof(CachePipeline), typeof(TypedPipeline)], "--help").ExitCode);

        using var schema = JsonDocument.Parse(repo.Read(".nuke/build.schema.json"));
        var root = schema.RootElement;
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        var properties = root.GetProperty("properties");
        var targets = properties.GetProperty("Target").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("Cache.Prepare", targets);
        Assert.Contains("Cache.Report", targets);
        Assert.Contains("Typed.Show", targets);
        Assert.Equal("integer", properties.GetProperty("Epochs").GetProperty("type").GetString());
        Assert.Equal("Training passes (read by Train)", properties.GetProperty("Epochs").GetProperty("description").GetString());
        Assert.Equal("string", properties.GetProperty("Flavor").GetProperty("type").GetString());
        Assert.Equal("number", properties.GetProperty("LearningRate").GetProperty("type").GetString());
        Assert.Equal("boolean", properties.GetProperty("Shuffle").GetProperty("type").GetString());
        Assert.Equal("array", properties.GetProperty("Tags").GetProperty("type").GetString());
        Assert.Equal(["Fast", "Thorough"], properties.GetProperty("Mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(properties.TryGetProperty("$schema", out _));
    }

    [Fact]
    public void The_schema_is_rewritten_only_when_its_content_changes()
    {
        using var repo = new TempRepo();
        var models = PipelineLoader.LoadAll([typeof(CachePipeline)], ParameterSources.Empty(repo.Root));

        Assert.True(SchemaWriter.WriteIfChanged(repo.Root, models));
        Assert.False(SchemaWriter.WriteIfChanged(repo.Root, models));
        Assert.True(SchemaWriter.WriteIfChanged(repo.Root, PipelineLoader.LoadAll([typeof(TypedPipeline)], ParameterSources.Empty(repo.Root))));
    }

    [Fact]
    public void A_secret_parameter_is_described_as_one_in_the_schema()
    {
        var schema = SchemaWriter.Render(PipelineLoader.LoadAll([typeof(SecretPipeline)], ParameterSources.Empty(Path.GetTempPath())));

        using var json = JsonDocument.Parse(schema);
        Assert.Contains("(secret: prefer an environment variable)", json.RootElement.GetProperty("properties").GetProperty("ApiToken").GetProperty("description").GetString());
    }
}
