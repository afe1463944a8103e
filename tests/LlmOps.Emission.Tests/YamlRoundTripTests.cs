using System.Text.Json.Nodes;
using CsCheck;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;
using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Tests;

[Collection(nameof(UserTextPipeline))]
public sealed class YamlRoundTripTests
{
    // Text people put in names, descriptions, defaults and paths, including what breaks naive YAML.
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "1.5", " ", "  ", ":", ": ", " #", "#", "'", "\"", "\\", "-", "- ", "?", "!", "&", "*", "|", ">", "%", "@", "`",
        "{", "}", "[", "]", ",", "\n", "\r\n", "\t", "${{", "}}", "${{ secrets.X }}", "$(Build.BuildId)", "$[", "true", "no", "null", "~",
        "é", "日本", "🚀", "\u2028", "\u0085", "\uFEFF", "\u0001", "\0", "--- ", "...", "0x1F", "1e3", "2024-01-01",
    ];

    private static readonly Gen<string> UserText = Gen.OneOf(
        Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 8].Select(p => string.Concat(p)),
        Gen.String[Gen.Char.AlphaNumeric, 0, 12],
        Gen.Char[' ', '\uD7FF'].Array[0, 10].Select(c => new string(c)));

    private static Gen<Emission.Yaml.YamlNode> Node(int depth) => depth == 0
        ? UserText.Select(t => (Emission.Yaml.YamlNode)new YamlScalar(t))
        : Gen.Frequency(
            (3, UserText.Select(t => (Emission.Yaml.YamlNode)new YamlScalar(t))),
            (1, Node(depth - 1).Array[0, 4].Select(items => (Emission.Yaml.YamlNode)new YamlSequence(items))),
            (1, Gen.Select(UserText, Node(depth - 1)).Array[0, 4].Select(entries =>
            {
                var map = new YamlMapping();
                foreach (var (key, value) in entries.DistinctBy(e => e.Item1))
                {
                    map.Add(key, value);
                }

                return (Emission.Yaml.YamlNode)map;
            })));

    [Fact]
    public void Any_tree_of_strings_reads_back_as_the_same_tree()
    {
        Gen.Select(UserText, Node(3)).Sample((key, node) =>
        {
            var root = new YamlMapping().Add(key, node);
            var text = YamlWriter.Write(root, ["header"]);
            Assert.True(JsonNode.DeepEquals(YamlText.ToJson(root), YamlText.Parse(text)), text);
            Assert.Empty(YamlText.PlainNonStrings(text));
        }, iter: 3000);
    }

    [Fact]
    public void User_text_in_a_pipeline_means_exactly_what_was_written_on_both_platforms()
    {
        Gen.Select(UserText.Where(t => t.Length > 0), UserText.Where(t => t.Trim().Length > 0 && !t.Any(char.IsControl) && !t.Contains("${{", StringComparison.Ordinal))).Sample((text, trigger) =>
        {
            UserTextPipeline.Text = text;
            UserTextPipeline.TriggerText = trigger;
            var files = Loaded.Generate(typeof(UserTextPipeline));

            var github = YamlText.Parse(Loaded.File(files, ".github/workflows/text.yml"));
            var ship = github["jobs"]!["Ship"]!;
            Assert.Equal("Ship: " + text, ExpressionText.Unescape(ship["name"]!.GetValue<string>()));
            Assert.Equal(text, ExpressionText.Unescape(ship["environment"]!["name"]!.GetValue<string>()));
            Assert.DoesNotContain("${{", ship["name"]!.GetValue<string>().Replace(ExpressionText.EscapedOpen, ""));
            Assert.Equal(trigger, github["on"]!["push"]!["paths"]![0]!.GetValue<string>());
            Assert.Equal(trigger, github["on"]!["workflow_dispatch"]!["inputs"]!["greeting"]!["default"]!.GetValue<string>());

            var azure = YamlText.Parse(Loaded.File(files, "azure-pipelines-text.yml"));
            var deployment = AzureYaml.Jobs(azure).Single(j => j["deployment"] is not null);
            Assert.Equal("Ship: " + text, ExpressionText.Unescape(deployment["displayName"]!.GetValue<string>()));
            Assert.Equal(text, ExpressionText.Unescape(deployment["environment"]!.GetValue<string>()));
            Assert.Equal(trigger, azure["trigger"]!["paths"]!["include"]![0]!.GetValue<string>());
            Assert.Equal(trigger, azure["parameters"]![0]!["default"]!.GetValue<string>());
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void An_expression_where_none_is_allowed_is_an_emission_error()
    {
        UserTextPipeline.Text = "ok";
        UserTextPipeline.TriggerText = "data/${{ github.token }}";
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(UserTextPipeline)));
        Assert.Contains("UserText", error.Message);
        Assert.Contains("'text'", error.Message);
        Assert.Contains("${{", error.Message);
        Assert.Contains("a push path filter 'data/${{ github.token }}'", error.Message);
    }
}
