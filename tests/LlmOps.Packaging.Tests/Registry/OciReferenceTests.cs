using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging.Tests.Registry;

public sealed class OciReferenceTests
{
    [Fact]
    public void A_reference_with_port_tag_and_digest_is_parsed_and_a_loopback_registry_is_plain_http()
    {
        var digest = "sha256:" + new string('a', 64);
        var reference = OciReference.Parse($"127.0.0.1:5000/team/support-intent:v-1@{digest}");

        Assert.Equal(("127.0.0.1:5000", "team/support-intent", "v-1", digest, true), (reference.Registry, reference.Repository, reference.Tag, reference.Digest, reference.PlainHttp));
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), reference.BaseAddress);
        Assert.Equal(new Uri("https://ghcr.io/"), OciReference.Parse("ghcr.io/acme/model").BaseAddress);
    }

    [Theory]
    [InlineData("support-intent", "names no registry")]
    [InlineData("ghcr.io/Acme/Model", "must be lower-case")]
    [InlineData("ghcr.io/acme/model@sha256:abc", "is not a sha256 digest")]
    public void A_malformed_reference_is_refused_naming_the_part(string text, string expected)
    {
        var error = Assert.Throws<OciException>(() => OciReference.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
