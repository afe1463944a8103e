using LlmOps.Emission.GitHub;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// The pins file: every action pinned to a full commit with a runtime GitHub-hosted runners still run. A SHA hides
/// the runtime from actionlint and the schema validators, so the runtime recorded beside it is what is checked.
/// </summary>
public sealed class ActionPinTests
{
    private static readonly ActionPins Pins = ActionPins.Load(Repository.Root);

    [Fact]
    public void Every_pinned_action_records_a_supported_runtime_checked_for_its_major()
    {
        Assert.Equal(ActionPins.Repositories.Order(StringComparer.Ordinal), Pins.All.Select(p => p.Repository).Order(StringComparer.Ordinal));
        Assert.All(Pins.All, p =>
        {
            Assert.Contains(p.Runtime, ActionPins.SupportedRuntimes);
            Assert.Equal(p.Major, p.RuntimeCheckedFor);
        });
        Assert.DoesNotContain("node20", ActionPins.SupportedRuntimes);
    }

    [Fact]
    public void Every_pin_is_a_full_commit_sha_with_its_release_tag()
    {
        Assert.All(Pins.All, p =>
        {
            Assert.Matches("^[0-9a-f]{40}$", p.Sha);
            Assert.Matches(@"^v\d+\.\d+\.\d+$", p.Version);
        });
    }

    [Fact]
    public void The_built_in_pins_are_the_pins_file_of_this_repository()
    {
        Assert.Equal(Repository.PinsText.Replace("\r\n", "\n"), ActionPins.BuiltInText.Replace("\r\n", "\n"));
        Assert.Equal(Pins.All, ActionPins.BuiltIn.All);
    }

    [Fact]
    public void The_pins_file_is_a_composite_action_whose_steps_are_the_pins_the_bots_update()
    {
        // What Dependabot and Renovate read is YAML; what the emitter reads is lines. Both must see the same pins.
        var action = YamlText.Parse(Repository.PinsText);
        Assert.Equal("composite", action["runs"]!["using"]!.GetValue<string>());
        var uses = action["runs"]!["steps"]!.AsArray().Select(s => s!["uses"]!.GetValue<string>());
        Assert.Equal(Pins.All.Select(p => p.Reference), uses);
    }

    [Fact]
    public void Dependabot_updates_the_pins_file_and_the_workflows_in_one_pull_request_per_action()
    {
        var config = YamlText.Parse(File.ReadAllText(Path.Combine(Repository.Root, ".github", "dependabot.yml")));
        var actions = config["updates"]!.AsArray().Single(u => u!["package-ecosystem"]!.GetValue<string>() == "github-actions")!;
        Assert.Equal(["/", "/" + Path.GetDirectoryName(ActionPins.FilePath)!.Replace('\\', '/')], actions["directories"]!.AsArray().Select(d => d!.GetValue<string>()));
        var group = Assert.Single(actions["groups"]!.AsObject()).Value!;
        Assert.Equal("dependency-name", group["group-by"]!.GetValue<string>());
        Assert.Equal(["*"], group["patterns"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Theory]
    [InlineData("node20")]
    [InlineData("node16")]
    [InlineData("node12")]
    public void A_runtime_that_hosted_runners_no_longer_run_is_refused(string runtime)
    {
        var text = Repository.PinsText.Replace("# runs.using: node24 (checked for v5)", $"# runs.using: {runtime} (checked for v5)", StringComparison.Ordinal);

        var error = Assert.Throws<EmissionException>(() => ActionPins.Parse(text, "pins.yml"));

        Assert.Contains($"actions/checkout v5.1.0 runs on {runtime}, which GitHub-hosted runners no longer run", error.Message);
        Assert.StartsWith("pins.yml: line ", error.Message);
    }

    [Fact]
    public void A_bump_to_another_major_needs_its_runtime_checked_again()
    {
        var text = Repository.Bump(Repository.PinsText, Pins.Checkout, new string('a', 40), "v6.1.0");

        var error = Assert.Throws<EmissionException>(() => ActionPins.Parse(text, "pins.yml"));

        Assert.Contains("actions/checkout is pinned at v6.1.0, but its runtime was checked for v5", error.Message);
        Assert.Contains("(checked for v6)", error.Message);
    }

    [Fact]
    public void A_pin_without_a_recorded_runtime_is_refused()
    {
        var text = Repository.PinsText.Replace("    # runs.using: node24 (checked for v5)\n    - uses: actions/checkout@", "    - uses: actions/checkout@", StringComparison.Ordinal);

        var error = Assert.Throws<EmissionException>(() => ActionPins.Parse(text, "pins.yml"));

        Assert.Contains("actions/checkout v5.1.0 has no recorded runtime", error.Message);
    }

    [Theory]
    [InlineData("v5")]
    [InlineData("main")]
    [InlineData("fbc6f39")]
    [InlineData("FBC6F3992D24B796D5A048FF273F7FCC4A7B6C09")]
    public void A_pin_that_is_not_a_full_commit_sha_is_refused(string reference)
    {
        var text = Repository.PinsText.Replace(Pins.Checkout.Reference, $"actions/checkout@{reference}", StringComparison.Ordinal);

        var error = Assert.Throws<EmissionException>(() => ActionPins.Parse(text, "pins.yml"));

        Assert.Contains($"actions/checkout is pinned to '{reference}', not a full 40-hex commit SHA", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" # v5.1.0 node24")]
    public void A_pin_without_its_tag_ending_the_line_is_refused(string comment)
    {
        var text = Repository.PinsText.Replace($"{Pins.Checkout.Reference} # v5.1.0", Pins.Checkout.Reference + comment, StringComparison.Ordinal);

        var error = Assert.Throws<EmissionException>(() => ActionPins.Parse(text, "pins.yml"));

        Assert.Contains("actions/checkout needs its release tag as the comment that ends the line", error.Message);
    }

    [Fact]
    public void A_missing_a_doubled_or_an_unused_pin_is_refused()
    {
        var checkout = $"    # runs.using: node24 (checked for v5)\n    - uses: {Pins.Checkout.Reference} # v5.1.0\n";
        Assert.Contains(checkout, Repository.PinsText);

        var missing = Assert.Throws<EmissionException>(() => ActionPins.Parse(Repository.PinsText.Replace(checkout, "", StringComparison.Ordinal), "pins.yml"));
        Assert.Contains("no pin for actions/checkout", missing.Message);

        var doubled = Assert.Throws<EmissionException>(() => ActionPins.Parse(Repository.PinsText + checkout, "pins.yml"));
        Assert.Contains("actions/checkout is pinned twice", doubled.Message);

        var other = checkout.Replace("actions/checkout", "actions/github-script", StringComparison.Ordinal);
        var unused = Assert.Throws<EmissionException>(() => ActionPins.Parse(Repository.PinsText + other, "pins.yml"));
        Assert.Contains("actions/github-script is pinned but no generated workflow uses it", unused.Message);
    }

    [Fact]
    public void A_repository_without_a_pins_file_uses_the_built_in_pins()
    {
        var root = Directory.CreateTempSubdirectory("llmops-pins-").FullName;
        try
        {
            Assert.Same(ActionPins.BuiltIn, ActionPins.Load(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
