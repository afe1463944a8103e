namespace LlmOps.Packaging.Tests.Card;

public sealed class ModelCardTests
{
    [Fact]
    public void The_card_has_hugging_face_front_matter_and_sections_filled_from_the_declaration_and_the_verdict()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var card = System.Text.Encoding.UTF8.GetString(PackageContents.Open(packages.Build(key)).Read(PackageLayout.ModelCard)!);

        Assert.StartsWith("---\nlicense: \"apache-2.0\"\n", card, StringComparison.Ordinal);
        Assert.Contains("base_model: \"Qwen/Qwen2.5-0.5B-Instruct\"", card, StringComparison.Ordinal);
        Assert.Contains("datasets:\n- \"support-splits\"", card, StringComparison.Ordinal);
        Assert.Contains("model-index:\n- name: \"support-intent\"", card, StringComparison.Ordinal);
        Assert.Contains("    - type: \"accuracy\"\n      value: 0.91\n", card, StringComparison.Ordinal);
        Assert.Contains("## Intended use\n\nRoute customer-support messages", card, StringComparison.Ordinal);
        Assert.Contains("- Not for decisions about people.", card, StringComparison.Ordinal);
        Assert.Contains("| accuracy | billing | 100 | 0.93 | 0.88–0.97 |", card, StringComparison.Ordinal);
        Assert.Contains("| Epochs | 3 |", card, StringComparison.Ordinal);
        Assert.Contains("`ghcr.io/acme/trainer@sha256:", card, StringComparison.Ordinal);
        Assert.Contains("validation-report.json: passed true, errors 0, warnings 2", card, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_field_that_is_not_declared_fails_naming_the_field_and_how_to_declare_it()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var input = packages.Input(c => c.Require("intended_use", "limitations")) with { };
        var bare = input with { Card = new ModelCardSpec().IntendedUse("x").Require("limitations", "base_model"), BaseModel = null };

        var error = Assert.Throws<PackageException>(() => packages.Build(key, bare));
        Assert.Contains("requires 'limitations', 'base_model'", error.Message, StringComparison.Ordinal);
        Assert.Contains(".Limitations(...) inside .ModelCard(c => ...)", error.Message, StringComparison.Ordinal);
        packages.Build(key, input); // declared: builds
    }

    [Fact]
    public void Requiring_a_field_the_card_does_not_have_is_a_definition_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelCardSpec().Require("owner"));
        Assert.Contains("'owner' is not a model card field", error.Message, StringComparison.Ordinal);
    }
}
