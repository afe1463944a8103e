using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class HostileNamesTests
{
    [Fact]
    public void Flow_sequences_quote_names_that_yaml_11_reads_as_booleans_or_null()
    {
        var files = Loaded.Generate(typeof(HostileNamesPipeline));
        var github = Loaded.File(files, ".github/workflows/on.yml");
        Assert.Contains("runs-on: [self-hosted, \"yes\", \"on\", \"null\"]", github);
        Assert.Contains("needs: [\"True\"]", github);

        // Numbers and booleans the emitter wrote itself (timeouts, persist-credentials) are plain on purpose; no name is.
        string[] names = ["True", "on", "null", "Null", "yes", "off", "No"];
        Assert.DoesNotContain(YamlText.PlainNonStrings(github), names.Contains);
        Assert.DoesNotContain(YamlText.PlainNonStrings(Loaded.File(files, "azure-pipelines-True.yml")), names.Contains);

        var parsed = YamlText.Parse(github);
        Assert.Equal(["True"], parsed["jobs"]!["off"]!["needs"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["self-hosted", "yes", "on", "null"], parsed["jobs"]!["off"]!["runs-on"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void The_key_on_is_plain_only_as_the_workflow_trigger_key()
    {
        var github = Loaded.File(Loaded.Generate(typeof(HostileNamesPipeline)), ".github/workflows/on.yml");
        Assert.StartsWith("on:", github.Split('\n').Single(l => l.StartsWith("on", StringComparison.Ordinal)));
        Assert.Contains("\n  \"on\":\n", github);
        Assert.Contains("\n      \"on\":\n        description: A flag whose input is named on\n", github);
        Assert.DoesNotContain("\n  on:", github);
    }

    [Fact]
    public void Hostile_text_reaches_the_stage_only_through_env()
    {
        foreach (var file in Loaded.Generate(typeof(HostileNamesPipeline)))
        {
            var scripts = string.Join("\n", YamlText.Descendants(YamlText.Parse(file.Content)).OfType<System.Text.Json.Nodes.JsonObject>()
                .SelectMany(o => new[] { o["run"], o["bash"] }).OfType<System.Text.Json.Nodes.JsonNode>().Select(n => n.GetValue<string>()));
            Assert.NotEmpty(scripts);
            Assert.DoesNotContain("pwned", scripts);
            Assert.DoesNotContain("AccessToken", scripts);
            Assert.Contains("./build.sh Null.True --skip", scripts);
        }
    }
}
